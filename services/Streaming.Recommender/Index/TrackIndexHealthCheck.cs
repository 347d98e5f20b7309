using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Streaming.Recommender.Index;

/// <summary>Readiness: an index is loaded (Redis is not part of it: an outage degrades answers, it does not unready pods).</summary>
public sealed class TrackIndexHealthCheck(TrackIndexHolder holder) : IHealthCheck
{
    public const string Name = "track-index";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var current = holder.Current;
        return Task.FromResult(current is null
            ? HealthCheckResult.Unhealthy("No track index built yet.")
            : HealthCheckResult.Healthy($"Index {current.Kind} of catalog {current.Version} ({current.Index.Count} vectors).",
                new Dictionary<string, object>
                {
                    ["version"] = current.Version,
                    ["kind"] = current.Kind,
                    ["vectors"] = current.Index.Count,
                }));
    }
}
