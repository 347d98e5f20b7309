namespace Streaming.DevBroker;

internal static partial class DevBrokerLog
{
    [LoggerMessage(1, LogLevel.Information, "Mock cluster started with {BrokerCount} broker(s); bootstrap {Bootstrap}")]
    public static partial void ClusterStarted(ILogger logger, int brokerCount, string bootstrap);

    [LoggerMessage(2, LogLevel.Information, "Broker {BrokerId} advertised as {Advertised}, forwarded to {Upstream}")]
    public static partial void BrokerForwarded(ILogger logger, int brokerId, string advertised, string upstream);

    [LoggerMessage(3, LogLevel.Information, "Topic {Topic} created with {Partitions} partition(s)")]
    public static partial void TopicCreated(ILogger logger, string topic, int partitions);

    [LoggerMessage(4, LogLevel.Warning, "Topic {Topic} not created: {Error}")]
    public static partial void TopicNotCreated(ILogger logger, string topic, string error);

    [LoggerMessage(5, LogLevel.Information, "Broker {BrokerId} set {State}")]
    public static partial void BrokerStateChanged(ILogger logger, int brokerId, string state);

    [LoggerMessage(6, LogLevel.Information, "Pushed {Count} error(s) for ApiKey {ApiKey}: {Errors}")]
    public static partial void RequestErrorsPushed(ILogger logger, int count, short apiKey, string errors);

    [LoggerMessage(7, LogLevel.Information, "Request errors cleared for ApiKey {ApiKey}")]
    public static partial void RequestErrorsCleared(ILogger logger, short apiKey);

    [LoggerMessage(8, LogLevel.Information, "Leader of {Topic}[{Partition}] set to broker {BrokerId}")]
    public static partial void LeaderSet(ILogger logger, string topic, int partition, int brokerId);

    [LoggerMessage(9, LogLevel.Information, "Broker {BrokerId} round-trip time set to {RttMs} ms")]
    public static partial void RttSet(ILogger logger, int brokerId, int rttMs);

    [LoggerMessage(10, LogLevel.Debug, "Broker {BrokerId} upstream {Upstream} unavailable: {Reason}")]
    public static partial void UpstreamUnavailable(ILogger logger, int brokerId, string upstream, string reason);

    [LoggerMessage(11, LogLevel.Warning, "Accept failed on broker {BrokerId} port: {SocketError}")]
    public static partial void AcceptFailed(ILogger logger, int brokerId, string socketError);

    [LoggerMessage(12, LogLevel.Warning, "Parent process {ParentPid} is gone; shutting down")]
    public static partial void ParentExited(ILogger logger, int parentPid);

    [LoggerMessage(13, LogLevel.Information, "Mock cluster stopped")]
    public static partial void ClusterStopped(ILogger logger);
}
