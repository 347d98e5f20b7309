namespace Streaming.FaultHarness.Load;

/// <summary>A probe: when it was posted (on the run's clock) and how long until Redis showed it applied.</summary>
public sealed record FreshnessSample(TimeSpan PostedAt, TimeSpan Freshness)
{
    public TimeSpan AppliedAt => PostedAt + Freshness;
}
