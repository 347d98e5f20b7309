using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Streaming.Catalog.Core.Hosting;

/// <summary>Readiness: healthy once a snapshot is loaded.</summary>
public sealed class CatalogSnapshotHealthCheck(CatalogSnapshotHolder holder) : IHealthCheck
{
    public const string Name = "catalog";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var current = holder.Current;
        return Task.FromResult(current is null
            ? HealthCheckResult.Unhealthy("No catalog snapshot loaded yet.")
            : HealthCheckResult.Healthy($"Catalog {current.Version} ({current.Count} tracks).", new Dictionary<string, object>
            {
                ["version"] = current.Version,
                ["spaceId"] = current.SpaceId,
                ["tracks"] = current.Count,
            }));
    }
}
