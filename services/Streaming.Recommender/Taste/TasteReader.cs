using Polly;
using Polly.Registry;
using Streaming.Recommender.Telemetry;
using Streaming.TasteStore;

namespace Streaming.Recommender.Taste;

/// <summary>
/// The recommender's reads of the taste store, each through the request pipeline (timeout + circuit
/// breaker). Failures come back as <see cref="RedisRead{T}"/> reasons, never as exceptions, so a Redis
/// outage cannot turn into a 500.
/// </summary>
public sealed class TasteReader(TasteStore.TasteStore store, ResiliencePipelineProvider<string> pipelines, ILogger<TasteReader> logger)
{
    private readonly ResiliencePipeline _pipeline = pipelines.GetPipeline(RedisPipelines.Request);

    public TasteStore.TasteStore Store => store;

    /// <summary>Vectors, session, recent history and skips in one round trip.</summary>
    public ValueTask<RedisRead<UserContext>> ReadContextAsync(string userId, int recentCount, CancellationToken cancellationToken) =>
        ExecuteAsync("user-context", static (s, state) => s.ReadUserContextAsync(state.userId, state.recentCount), (userId, recentCount), cancellationToken);

    /// <summary>Successors and co-listening of the source tracks in one round trip, as decayed counts at <paramref name="asOf"/> (request time).</summary>
    public ValueTask<RedisRead<TrackLists>> ReadTrackListsAsync(
        IReadOnlyList<string> trackIds, int perTrack, DateTimeOffset asOf, CancellationToken cancellationToken) =>
        ExecuteAsync("track-lists", static (s, state) => s.ReadTrackListsAsync(state.trackIds, state.perTrack, state.asOf), (trackIds, perTrack, asOf), cancellationToken);

    public ValueTask<RedisRead<TrackKeyLists>> ReadTrackKeyListsAsync(
        IReadOnlyList<string> trackIds, int perTrack, DateTimeOffset asOf, CancellationToken cancellationToken) =>
        ExecuteAsync("track-lists", static (s, state) => s.ReadTrackKeyListsAsync(state.trackIds, state.perTrack, state.asOf), (trackIds, perTrack, asOf), cancellationToken);

    public ValueTask<RedisRead<IReadOnlyDictionary<string, IReadOnlyList<ScoredTrack>>>> ReadCoListeningAsync(
        IReadOnlyList<string> trackIds, int perTrack, DateTimeOffset asOf, CancellationToken cancellationToken) =>
        ExecuteAsync("co-listening", static (s, state) => s.ReadCoListeningAsync(state.trackIds, state.perTrack, state.asOf), (trackIds, perTrack, asOf), cancellationToken);

    public ValueTask<RedisRead<IReadOnlyList<ScoredTrack>>> ReadTopTracksAsync(string userId, int year, int count, CancellationToken cancellationToken) =>
        ExecuteAsync("top-tracks", static (s, state) => s.ReadTopTracksAsync(state.userId, state.year, state.count), (userId, year, count), cancellationToken);

    public ValueTask<RedisRead<IReadOnlyList<YearTrackPlays>>> ReadPlayCountsAsync(string userId, CancellationToken cancellationToken) =>
        ExecuteAsync("play-counts", static (s, userId) => s.ReadPlayCountsAsync(userId), userId, cancellationToken);

    private async ValueTask<RedisRead<T>> ExecuteAsync<T, TState>(
        string operation, Func<TasteStore.TasteStore, TState, Task<T>> read, TState state, CancellationToken cancellationToken)
    {
        using var activity = RecommenderTelemetry.Source.StartActivity("taste-store " + operation);
        try
        {
            var value = await _pipeline.ExecuteAsync(
                static async (context, ct) => await context.read(context.store, context.state).WaitAsync(ct).ConfigureAwait(false),
                (read, store, state), cancellationToken).ConfigureAwait(false);
            return RedisRead<T>.Ok(value);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            var reason = RedisPipelines.ReasonOf(e);
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, reason);
            if (reason != "circuit-open")
            {
                RecommenderLog.RedisReadFailed(logger, e, operation, reason);
            }
            return RedisRead<T>.Failed(reason);
        }
    }
}
