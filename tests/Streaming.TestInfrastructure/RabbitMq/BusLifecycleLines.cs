namespace Streaming.TestInfrastructure.RabbitMq;

/// <summary>
/// MassTransit's own lifecycle log lines, for tests that stage a RabbitMQ outage and must tell its errors from a
/// later step's. The services log MassTransit from warning; these lines are info, so such a test sets <see cref="LogLevelVariable"/>.
/// </summary>
public static class BusLifecycleLines
{
    /// <summary>Environment variable (and its value) that lets a service process log MassTransit's info lines.</summary>
    public const string LogLevelVariable = "Logging__LogLevel__MassTransit";

    public const string LogLevel = "Information";

    /// <summary>Logged once the bus and its receive endpoints are up (queues declared and bound, consumers on).</summary>
    public static bool IsStarted(string line) => line.Contains("Bus started:", StringComparison.Ordinal);

    /// <summary>The last line of the bus's reaction to a lost broker: disconnect, connect refused, endpoint faulted, retry in seconds.</summary>
    public static bool IsRetryingUnreachableBroker(string line) =>
        line.Contains("Retrying", StringComparison.Ordinal) && line.Contains("Broker unreachable", StringComparison.Ordinal);
}
