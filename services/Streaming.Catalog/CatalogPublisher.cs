using Streaming.Catalog.Core;
using Streaming.Catalog.Core.Hosting;
using Streaming.Contracts.Catalog;

namespace Streaming.Catalog;

/// <summary>
/// Makes a version current everywhere: validates the file, records it in Redis
/// (<c>catalog:current</c>, for replicas that start later), swaps it in here and then announces it on
/// the catalog bus (every running replica swaps). Rollback republishes the previous version.
/// </summary>
public sealed partial class CatalogPublisher(
    CatalogSnapshotStore store,
    CatalogSnapshotHolder holder,
    CatalogSnapshotActivator activator,
    CatalogVersionRegistry registry,
    ICatalogBus bus,
    TimeProvider time,
    ILogger<CatalogPublisher> logger)
{
    public async Task<CatalogVersionPublished> PublishAsync(string version, CancellationToken cancellationToken = default)
    {
        // Read it fully: a version that does not load is never announced.
        var snapshot = await Task.Run(() => store.Load(version), cancellationToken);
        await registry.SetCurrentAsync(snapshot.Version);
        return await ActivateAndAnnounceAsync(snapshot, cancellationToken);
    }

    /// <summary>
    /// Publishes a version derived from <paramref name="expectedCurrent"/> (an appended version) only while that is still
    /// the current version (compare-and-set on <c>catalog:current</c>; this replica's snapshot without Redis). Null when
    /// another version was published in between: the caller derives again from that one, so nothing it added is lost.
    /// </summary>
    public async Task<CatalogVersionPublished?> PublishDerivedAsync(string version, string expectedCurrent, CancellationToken cancellationToken = default)
    {
        var snapshot = await Task.Run(() => store.Load(version), cancellationToken);
        var stillCurrent = registry.IsEnabled
            ? await registry.TrySetCurrentAsync(expectedCurrent, snapshot.Version)
            : holder.Current?.Version == expectedCurrent;
        if (!stillCurrent)
        {
            return null;
        }
        return await ActivateAndAnnounceAsync(snapshot, cancellationToken);
    }

    /// <summary>The version that is current now: Redis when present, else this replica's snapshot.</summary>
    public async Task<string?> CurrentVersionAsync() =>
        (registry.IsEnabled ? await registry.GetCurrentAsync() : null) ?? holder.Current?.Version;

    /// <summary>
    /// Publishes the version before the current one; null when there is none. For an appended version that is the
    /// version it was appended to (<c>appended.from</c>), else the newest older file in the directory.
    /// </summary>
    public async Task<(string From, CatalogVersionPublished To)?> RollbackAsync(CancellationToken cancellationToken = default)
    {
        var current = await CurrentVersionAsync();
        if (current is null)
        {
            return null;
        }
        var previous = await AppendedFromAsync(current, cancellationToken) ?? store.PreviousVersion(current);
        if (previous is null)
        {
            return null;
        }
        var message = await PublishAsync(previous, cancellationToken);
        return (current, message);
    }

    /// <summary>
    /// The base of an appended version when it is still in the directory. Ordering by name alone would pick a version
    /// rolled back before the append (an append after a rollback derives from the older version, and sorts last).
    /// </summary>
    private async Task<string?> AppendedFromAsync(string version, CancellationToken cancellationToken)
    {
        var snapshot = holder.Current is { } loaded && loaded.Version == version ? loaded
            : store.Exists(version) ? await Task.Run(() => store.Load(version), cancellationToken)
            : null;
        return snapshot is not null
               && snapshot.Properties.TryGetValue(CatalogSnapshotProperties.AppendedFrom, out var from)
               && CatalogSnapshot.IsValidVersion(from) && from != version && store.Exists(from)
            ? from
            : null;
    }

    private async Task<CatalogVersionPublished> ActivateAndAnnounceAsync(CatalogSnapshot snapshot, CancellationToken cancellationToken)
    {
        // Swapped here before the announcement: this replica's next request (and next write) already sees the version,
        // also without Redis, where "current" is this replica's snapshot.
        await activator.ActivateAsync(snapshot, "published here", cancellationToken);
        var message = new CatalogVersionPublished(
            snapshot.Version, snapshot.SpaceId, snapshot.Dimensions, snapshot.Count, snapshot.FileName, time.GetUtcNow());
        await bus.Publish(message, cancellationToken);
        LogPublished(logger, snapshot.Version, snapshot.SpaceId);
        return message;
    }

    [LoggerMessage(1, LogLevel.Information, "Published catalog version {Version} (space {SpaceId})")]
    private static partial void LogPublished(ILogger logger, string version, string spaceId);
}
