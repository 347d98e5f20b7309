namespace Streaming.ServiceDefaults;

/// <summary>
/// Health check tags. "live" = the process works (restart it if not); "ready" = it can serve now (take it
/// out of the load balancer if not). Each service tags only what it needs to serve as "ready", so one
/// dependency blip does not pull every pod.
/// </summary>
public static class HealthTags
{
    public const string Live = "live";
    public const string Ready = "ready";
}
