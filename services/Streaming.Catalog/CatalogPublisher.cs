using Streaming.Catalog.Core;
using Streaming.Catalog.Core.Hosting;
using Streaming.Contracts.Catalog;

namespace Streaming.Catalog;

/// <summary>
/// Makes a version current everywhere: validates the file, records it in Redis
/// (<c>catalog:current</c>, for replicas that start later) and then announces it on the catalog
/// bus (every running replica swaps). Rollback republishes the previous version.
/// </summary>
public sealed partial class CatalogPublisher(
    CatalogSnapshotStore store,
    CatalogSnapshotHolder holder,
    CatalogVersionRegistry registry,
    ICatalogBus bus,
    TimeProvider time,
    ILogger<CatalogPublisher> logger)
{
    public async Task<CatalogVersionPublished> PublishAsync(string version, CancellationToken cancellationToken = default)
    {
        // Read it fully: a version that does not load is never announced.
        var snapshot = await Task.Run(() => store.Load(version), cancellationToken);
        var message = new CatalogVersionPublished(
            snapshot.Version, snapshot.SpaceId, snapshot.Dimensions, snapshot.Count, snapshot.FileName, time.GetUtcNow());
        await registry.SetCurrentAsync(snapshot.Version);
        await bus.Publish(message, cancellationToken);
        LogPublished(logger, snapshot.Version, snapshot.SpaceId);
        return message;
    }

    /// <summary>The version that is current now: Redis when present, else this replica's snapshot.</summary>
    public async Task<string?> CurrentVersionAsync() =>
        (registry.IsEnabled ? await registry.GetCurrentAsync() : null) ?? holder.Current?.Version;

    /// <summary>Publishes the version before the current one; null when there is none.</summary>
    public async Task<(string From, CatalogVersionPublished To)?> RollbackAsync(CancellationToken cancellationToken = default)
    {
        var current = await CurrentVersionAsync();
        if (current is null)
        {
            return null;
        }
        var previous = store.PreviousVersion(current);
        if (previous is null)
        {
            return null;
        }
        var message = await PublishAsync(previous, cancellationToken);
        return (current, message);
    }

    [LoggerMessage(1, LogLevel.Information, "Published catalog version {Version} (space {SpaceId})")]
    private static partial void LogPublished(ILogger logger, string version, string spaceId);
}
