namespace Streaming.Gateway.Telemetry;

internal static partial class GatewayLog
{
    [LoggerMessage(EventId = 200, Level = LogLevel.Warning,
        Message = "Kafka did not acknowledge {NotStored} of {Total} record(s) on {Topic}: {Error}; answering 503")]
    public static partial void ProduceFailed(ILogger logger, int notStored, int total, string topic, string error);

    [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "Erasure {ErasureId} of user {UserId} stored on {Topic}")]
    public static partial void ErasureStored(ILogger logger, string erasureId, string userId, string topic);

    [LoggerMessage(EventId = 202, Level = LogLevel.Warning,
        Message = "Subject {Subject} posted {Count} event(s) of other users; batch refused")]
    public static partial void ForbiddenUser(ILogger logger, string subject, int count);

    [LoggerMessage(EventId = 203, Level = LogLevel.Information, Message = "Gateway producing to {Topic} as {Producer}; benchmark endpoints {BenchmarkEndpoints}")]
    public static partial void Started(ILogger logger, string topic, string producer, bool benchmarkEndpoints);
}
