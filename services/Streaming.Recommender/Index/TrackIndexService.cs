using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Streaming.Catalog.Core;
using Streaming.Catalog.Core.Hosting;
using Streaming.Recommender.Options;
using Streaming.Recommender.Telemetry;

namespace Streaming.Recommender.Index;

/// <summary>
/// Rebuilds the index off the request path whenever the catalog snapshot is swapped, then swaps the
/// new index in. Snapshots that arrive while a build runs collapse to the newest one.
/// </summary>
public sealed class TrackIndexService(
    CatalogSnapshotHolder snapshots,
    TrackIndexHolder indexes,
    IOptions<RecommenderOptions> options,
    RecommenderMetrics metrics,
    ILogger<TrackIndexService> logger) : BackgroundService
{
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
                    // The first build may use every core; later ones leave cores to the requests being served.
                    var parallelism = indexes.Current is null ? -1 : 1;
                    var index = await Task.Factory.StartNew(
                        () => TrackIndexBuilder.Build(snapshot, options.Value, parallelism, stoppingToken),
                        stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
                    var previous = indexes.Swap(index);
                    metrics.IndexBuilt(index);
                    RecommenderLog.IndexSwapped(logger, index.Version, index.Kind, index.Index.Count, index.BuildTime.TotalMilliseconds,
                        index.RecallAt10 ?? 1.0, previous?.Version);
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
