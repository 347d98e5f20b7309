namespace Streaming.DevBroker;

/// <summary>Short command-line switches mapped onto the <c>DevBroker</c> section.</summary>
public static class DevBrokerCommandLine
{
    public static IReadOnlyDictionary<string, string> SwitchMappings { get; } = new Dictionary<string, string>
    {
        ["--port"] = "DevBroker:Port",
        ["--brokers"] = "DevBroker:Brokers",
        ["--bind"] = "DevBroker:BindAddress",
        ["--advertised-host"] = "DevBroker:AdvertisedHost",
        ["--control-port"] = "DevBroker:ControlPort",
        ["--parent-pid"] = "DevBroker:ParentPid",
        ["--group-session-timeout-ms"] = "DevBroker:GroupSessionTimeoutMs",
        ["--group-heartbeat-interval-ms"] = "DevBroker:GroupHeartbeatIntervalMs",
    };
}
