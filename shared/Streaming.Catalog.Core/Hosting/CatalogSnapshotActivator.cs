using Microsoft.Extensions.Logging;

namespace Streaming.Catalog.Core.Hosting;

/// <summary>Loads a version from the store and swaps it in; one activation at a time.</summary>
public sealed class CatalogSnapshotActivator(CatalogSnapshotStore store, CatalogSnapshotHolder holder, ILogger<CatalogSnapshotActivator> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Makes <paramref name="version"/> current; false when it already was.</summary>
    public Task<bool> ActivateAsync(string version, string reason, CancellationToken cancellationToken = default) =>
        // Fully read and validated before the swap: a bad file never replaces a good snapshot.
        ActivateCoreAsync(version, () => Task.Run(() => store.Load(version), cancellationToken), reason, cancellationToken);

    /// <summary>
    /// Makes an already loaded <paramref name="snapshot"/> current (the catalog service after writing a version, so its
    /// own next request sees it before the announcement comes back); false when that version already was.
    /// </summary>
    public Task<bool> ActivateAsync(CatalogSnapshot snapshot, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return ActivateCoreAsync(snapshot.Version, () => Task.FromResult(snapshot), reason, cancellationToken);
    }

    private async Task<bool> ActivateCoreAsync(string version, Func<Task<CatalogSnapshot>> load, string reason, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (holder.Current?.Version == version)
            {
                return false;
            }
            var snapshot = await load().ConfigureAwait(false);
            var previous = holder.Swap(snapshot);
            CatalogLog.SnapshotSwapped(logger, snapshot.Version, snapshot.SpaceId, snapshot.Count, snapshot.Dimensions, reason, previous?.Version);
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }
}
