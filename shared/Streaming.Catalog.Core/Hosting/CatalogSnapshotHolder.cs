namespace Streaming.Catalog.Core.Hosting;

/// <summary>
/// Holds the current snapshot. Readers call <see cref="Current"/> once per unit of work and keep
/// that instance; a swap replaces the reference atomically, so in-flight requests finish on the
/// version they started with and nothing is dropped.
/// </summary>
public sealed class CatalogSnapshotHolder
{
    private readonly TaskCompletionSource<CatalogSnapshot> _firstLoad = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CatalogSnapshot? _current;

    /// <summary>Raised after every swap, on the thread that swapped. Handlers must be quick and not throw.</summary>
    public event Action<CatalogSnapshotSwap>? Swapped;

    public CatalogSnapshot? Current => Volatile.Read(ref _current);

    public bool IsLoaded => Current is not null;

    /// <summary>The current snapshot, or an exception when none is loaded yet.</summary>
    public CatalogSnapshot Required => Current ?? throw new InvalidOperationException("No catalog snapshot is loaded yet.");

    /// <summary>Makes <paramref name="next"/> current and returns the previous snapshot.</summary>
    public CatalogSnapshot? Swap(CatalogSnapshot next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var previous = Interlocked.Exchange(ref _current, next);
        _firstLoad.TrySetResult(next);
        Swapped?.Invoke(new CatalogSnapshotSwap(previous, next));
        return previous;
    }

    /// <summary>Completes when a first snapshot is loaded.</summary>
    public Task<CatalogSnapshot> WhenLoadedAsync(CancellationToken cancellationToken = default) =>
        _firstLoad.Task.WaitAsync(cancellationToken);
}
