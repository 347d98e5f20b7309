using Microsoft.Extensions.Options;
using Polly;
using Polly.Registry;
using Streaming.Recommender.Options;
using Streaming.Recommender.Taste;
using Streaming.Recommender.Telemetry;

namespace Streaming.Recommender.Trending;

/// <summary>
/// Keeps the last good trending list in memory, refreshed every <see cref="RecommenderOptions.TrendingRefreshInterval"/>.
/// Cold-start answers read it (no Redis round trip) and degraded answers depend on it: when Redis is
/// down the list simply stops being refreshed.
/// </summary>
public sealed class TrendingCache(
    TasteStore.TasteStore store,
    ResiliencePipelineProvider<string> pipelines,
    IOptions<RecommenderOptions> options,
    RecommenderMetrics metrics,
    TimeProvider time,
    ILogger<TrendingCache> logger) : BackgroundService
{
    private readonly ResiliencePipeline _pipeline = pipelines.GetPipeline(RedisPipelines.Background);
    private TrendingList _current = TrendingList.Empty;

    public TrendingList Current => Volatile.Read(ref _current);

    /// <summary>Reads trending once; false when Redis failed (the previous list stays).</summary>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken)
    {
        try
        {
            var size = options.Value.TrendingSize;
            var tracks = await _pipeline.ExecuteAsync(
                async ct => await store.ReadTrendingAsync(size).WaitAsync(ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            var now = time.GetUtcNow();
            Volatile.Write(ref _current, new TrendingList(tracks, now));
            metrics.TrendingRefreshed(now);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            var current = Current;
            var age = current.Tracks.Count == 0 ? 0 : (time.GetUtcNow() - current.FetchedAt).TotalSeconds;
            RecommenderLog.TrendingRefreshFailed(logger, RedisPipelines.ReasonOf(e), age);
            return false;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.TrendingRefreshInterval, time);
        try
        {
            do
            {
                await RefreshAsync(stoppingToken).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
