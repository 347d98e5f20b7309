using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Streaming.Catalog.Core;
using Streaming.Catalog.Core.Hosting;
using Streaming.Recommender.Options;
using Streaming.Recommender.Telemetry;

namespace Streaming.Recommender.Index;

/// <summary>
/// Rebuilds the index off the request path whenever the catalog snapshot is swapped, then swaps the
/// new index in. Snapshots that arrive while a build runs collapse to the newest one. A snapshot that only
/// appended rows without vectors (new releases, <see cref="TrackIndexBuilder.TryReuse"/>) keeps the vector index
/// and swaps in at once.
/// </summary>
public sealed class TrackIndexService(
    CatalogSnapshotHolder snapshots,
    TrackIndexHolder indexes,
    IOptions<RecommenderOptions> options,
    RecommenderMetrics metrics,
    ILogger<TrackIndexService> logger) : BackgroundService
{
    private int _builds;
    private int _reuses;

    /// <summary>Vector indexes built (HNSW or exact) since start.</summary>
    public int Builds => Volatile.Read(ref _builds);

    /// <summary>Snapshots swapped in on the previous vector index (appended versions) since start.</summary>
    public int Reuses => Volatile.Read(ref _reuses);

    private readonly Channel<CatalogSnapshot> _pending = Channel.CreateBounded<CatalogSnapshot>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Subscribe before looking at Current, so a swap in between is not missed.
        snapshots.Swapped += OnSwapped;
        if (snapshots.Current is { } current)
        {
            _pending.Writer.TryWrite(current);
        }
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        snapshots.Swapped -= OnSwapped;
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            await foreach (var snapshot in _pending.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                if (indexes.Current?.Version == snapshot.Version)
                {
                    continue;
                }
                try
                {
                    var started = Stopwatch.GetTimestamp();
                    if (TrackIndexBuilder.TryReuse(indexes.Current, snapshot) is { } reused)
                    {
                        var replaced = indexes.Swap(reused);
                        Interlocked.Increment(ref _reuses);
                        // The gauges follow the index in use (its catalog version).
                        metrics.IndexBuilt(reused);
                        TrackIndexLog.IndexReused(logger, reused.Version, reused.ReusedFrom!, snapshot.Count - (replaced?.Snapshot.Count ?? 0),
                            reused.Kind, reused.Index.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                        if (reused.RankerProblem is { } reusedProblem)
                        {
                            RecommenderLog.RankerUnusable(logger, reused.Version, reusedProblem);
                        }
                        continue;
                    }
                    // The first build may use every core; later ones leave cores to the requests being served.
                    var parallelism = indexes.Current is null ? -1 : 1;
                    var index = await Task.Factory.StartNew(
                        () => TrackIndexBuilder.Build(snapshot, options.Value, parallelism, stoppingToken),
                        stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
                    var previous = indexes.Swap(index);
                    Interlocked.Increment(ref _builds);
                    metrics.IndexBuilt(index);
                    RecommenderLog.IndexSwapped(logger, index.Version, index.Kind, index.Index.Count, index.BuildTime.TotalMilliseconds,
                        index.RecallAt10 ?? 1.0, index.Ranker.Name, previous?.Version);
                    if (index.RankerProblem is { } problem)
                    {
                        RecommenderLog.RankerUnusable(logger, index.Version, problem);
                    }
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e)
                {
                    // The previous index keeps serving.
                    RecommenderLog.IndexBuildFailed(logger, e, snapshot.Version);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void OnSwapped(CatalogSnapshotSwap swap) => _pending.Writer.TryWrite(swap.Current);
}
