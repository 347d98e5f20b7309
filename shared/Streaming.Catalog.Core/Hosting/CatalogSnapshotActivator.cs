using Microsoft.Extensions.Logging;

namespace Streaming.Catalog.Core.Hosting;

/// <summary>Loads a version from the store and swaps it in; one activation at a time.</summary>
public sealed class CatalogSnapshotActivator(CatalogSnapshotStore store, CatalogSnapshotHolder holder, ILogger<CatalogSnapshotActivator> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Makes <paramref name="version"/> current; false when it already was.</summary>
    public async Task<bool> ActivateAsync(string version, string reason, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (holder.Current?.Version == version)
            {
                return false;
            }
            // Fully read and validated before the swap: a bad file never replaces a good snapshot.
            var snapshot = await Task.Run(() => store.Load(version), cancellationToken).ConfigureAwait(false);
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
