using System.Buffers;
using System.Numerics.Tensors;
using Microsoft.Extensions.Options;
using Streaming.Catalog.Core;
using Streaming.Recommender.Api;
using Streaming.Recommender.Index;
using Streaming.Recommender.Options;
using Streaming.Recommender.Ranking;
using Streaming.Recommender.Taste;
using Streaming.Recommender.Telemetry;
using Streaming.Recommender.Trending;
using Streaming.TasteMath;
using Streaming.TasteStore;
using Streaming.VectorIndex;

namespace Streaming.Recommender.Recommendations;

/// <summary>
/// The answers. Every method takes the <see cref="TrackIndex"/> the request read once, so rows, vectors and the
/// space id all come from one catalog version. Redis failures never escape: they turn into degraded answers.
/// </summary>
public sealed class RecommendationService(
    TasteReader reader,
    TrendingCache trending,
    IOptions<RecommenderOptions> options,
    RecommenderMetrics metrics)
{
    /// <summary>Latest plays averaged into a query when the user has no usable vector yet.</summary>
    public const int SeedTracks = 5;

    /// <summary>A transition score (normalised to [0, 1]) at least this strong names its source as the reason.</summary>
    private const float TransitionReasonThreshold = 0.5f;

    private readonly TransitionCache _transitions = new(options.Value.TransitionCacheTtl, options.Value.TransitionCacheSize);
    private FallbackRows? _fallback;

    /// <summary><c>next</c>: the blend of session and long-term taste, plus the transitions of the latest plays.</summary>
    public async ValueTask<RecommendationsResponse> NextAsync(
        TrackIndex index, string userId, string? sessionId, int count, IReadOnlyList<string> exclude, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var snapshot = index.Snapshot;
        var exclusions = new Exclusions(o.RecentExclusion + exclude.Count + 16);
        exclusions.AddIds(snapshot, exclude);

        var read = await reader.ReadContextAsync(userId, Math.Max(Math.Max(o.RecentExclusion, SeedTracks), Math.Max(o.TransitionSources, 1)), cancellationToken)
            .ConfigureAwait(false);
        if (!read.Succeeded)
        {
            metrics.Degraded(EndpointNames.Next, read.FailureReason!);
            return Fallback(index, userId, count, exclusions, degraded: true, context: null);
        }
        var context = read.Value!;
        exclusions.AddIds(snapshot, context.RecentTrackIds, o.RecentExclusion);
        if (context.NowPlaying is { } playing)
        {
            exclusions.AddIds(snapshot, [playing]);
        }
        // A session id other than the stored one: the client started a session the worker has not seen yet,
        // so the stored session (vector and skips) is not "this session".
        var sameSession = sessionId is null || context.SessionId is null || string.Equals(sessionId, context.SessionId, StringComparison.Ordinal);
        if (sameSession)
        {
            exclusions.AddIds(snapshot, context.SessionSkippedTrackIds);
        }

        var session = sameSession ? context.Session : null;
        var query = Usable(TasteBlend.Query(context.LongTerm, session, index.SpaceId, (float)o.SessionWeight), index);
        string strategy;
        string similarityReason;
        if (query is not null)
        {
            strategy = Strategies.Personal;
            similarityReason = IsUsable(session, index) ? Reasons.FitsSession : Reasons.MatchesTaste;
        }
        else if (SeedQuery(index, context.RecentTrackIds, out var seedRow) is { } seeded)
        {
            query = seeded;
            strategy = Strategies.SessionSeeded;
            similarityReason = Reasons.SimilarTo(snapshot.Tracks[seedRow]);
        }
        else
        {
            return Fallback(index, userId, count, exclusions, degraded: false, context);
        }

        // Successors missing from the near cache are read from Redis while the index is searched.
        var transitions = o.TransitionWeight > 0 && o.TransitionSources > 0 && context.RecentTrackIds.Count > 0
            ? LookUpTransitions(index, context.RecentTrackIds, context.SessionSkippedTrackIds, cancellationToken)
            : null;
        var candidates = new Dictionary<int, Candidate>(o.CandidatePool + 64);
        AddNeighbours(index, query, Math.Max(o.CandidatePool, count * 4), exclusions, candidates);
        if (transitions is not null)
        {
            await AddTransitionsAsync(index, query, transitions, exclusions, candidates).ConfigureAwait(false);
        }

        var tracks = Rank(index, candidates, RankingWeights.From(o), count, o.MaxPerArtist, exclusions, similarityReason);
        if (tracks.Count < count)
        {
            TopUp(index, tracks, count, exclusions, o.MaxPerArtist);
        }
        return new RecommendationsResponse(userId, tracks, false, index.Version, context.LastAppliedEventId, context.LastEventAt, strategy);
    }

    /// <summary><c>discover</c>: neighbours of the long-term taste the user never played (counted plays of every year, recent history, skips).</summary>
    public async ValueTask<RecommendationsResponse> DiscoverAsync(TrackIndex index, string userId, int count, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var snapshot = index.Snapshot;
        var contextRead = reader.ReadContextAsync(userId, int.MaxValue, cancellationToken).AsTask();
        var playsRead = reader.ReadPlayCountsAsync(userId, cancellationToken).AsTask();
        await Task.WhenAll(contextRead, playsRead).ConfigureAwait(false);
        var (read, plays) = (contextRead.Result, playsRead.Result);
        if (!read.Succeeded || !plays.Succeeded)
        {
            metrics.Degraded(EndpointNames.Discover, read.FailureReason ?? plays.FailureReason!);
            return Fallback(index, userId, count, new Exclusions(), degraded: true, context: null);
        }
        var context = read.Value!;
        var exclusions = new Exclusions(plays.Value!.Count + context.RecentTrackIds.Count);
        exclusions.AddIds(snapshot, plays.Value!.Select(p => p.TrackId));
        exclusions.AddIds(snapshot, context.RecentTrackIds);
        exclusions.AddIds(snapshot, context.SessionSkippedTrackIds);
        if (context.NowPlaying is { } playing)
        {
            exclusions.AddIds(snapshot, [playing]);
        }

        var query = Usable(TasteBlend.Query(context.LongTerm, null, index.SpaceId), index);
        string strategy, reason;
        if (query is not null)
        {
            strategy = Strategies.Personal;
            reason = Reasons.NewForYou;
        }
        else if (SeedQuery(index, context.RecentTrackIds, out var seedRow) is { } seeded)
        {
            query = seeded;
            strategy = Strategies.SessionSeeded;
            reason = Reasons.NewLike(snapshot.Tracks[seedRow]);
        }
        else
        {
            return Fallback(index, userId, count, exclusions, degraded: false, context);
        }

        var candidates = new Dictionary<int, Candidate>(o.CandidatePool + 16);
        AddNeighbours(index, query, Math.Max(o.CandidatePool, count * 4), exclusions, candidates);
        var weights = RankingWeights.From(o) with { Transition = 0 };
        var tracks = Rank(index, candidates, weights, count, o.MaxPerArtist, exclusions, reason);
        if (tracks.Count < count)
        {
            TopUp(index, tracks, count, exclusions, o.MaxPerArtist);
        }
        return new RecommendationsResponse(userId, tracks, false, index.Version, context.LastAppliedEventId, context.LastEventAt, strategy);
    }

    /// <summary><c>top</c>: most played tracks of a calendar year; without a year, the latest year with counted plays.</summary>
    public async ValueTask<TopTracksResponse> TopAsync(TrackIndex index, string userId, int? year, int count, CancellationToken cancellationToken)
    {
        IReadOnlyList<ScoredTrack> top;
        if (year is { } wanted)
        {
            var read = await reader.ReadTopTracksAsync(userId, wanted, count, cancellationToken).ConfigureAwait(false);
            if (!read.Succeeded)
            {
                metrics.Degraded(EndpointNames.Top, read.FailureReason!);
                return new TopTracksResponse(userId, year, [], true, index.Version);
            }
            top = read.Value!;
        }
        else
        {
            var read = await reader.ReadPlayCountsAsync(userId, cancellationToken).ConfigureAwait(false);
            if (!read.Succeeded)
            {
                metrics.Degraded(EndpointNames.Top, read.FailureReason!);
                return new TopTracksResponse(userId, null, [], true, index.Version);
            }
            var plays = read.Value!;
            if (plays.Count == 0)
            {
                return new TopTracksResponse(userId, null, [], false, index.Version);
            }
            year = plays.Max(p => p.Year);
            top = plays.Where(p => p.Year == year)
                .OrderByDescending(p => p.Plays)
                .ThenBy(p => p.TrackId, StringComparer.Ordinal)
                .Take(count)
                .Select(p => new ScoredTrack(p.TrackId, p.Plays))
                .ToArray();
        }
        var snapshot = index.Snapshot;
        var tracks = top.Select(t => snapshot.TryGetTrack(t.TrackId, out var track)
                ? new TopTrack(t.TrackId, track.Artist, track.Title, (long)t.Score)
                : new TopTrack(t.TrackId, null, null, (long)t.Score))
            .ToArray();
        return new TopTracksResponse(userId, year, tracks, false, index.Version);
    }

    /// <summary><c>similar</c>: item-to-item neighbours; null when the catalog does not know the track.</summary>
    public SimilarTracksResponse? Similar(TrackIndex index, string trackId, int count)
    {
        var snapshot = index.Snapshot;
        var row = snapshot.IndexOf(trackId);
        if (row < 0)
        {
            return null;
        }
        var source = snapshot.Tracks[row];
        if (!snapshot.HasVector(row))
        {
            return new SimilarTracksResponse(source.Id, [], index.Version);
        }
        var exclusions = new Exclusions(1);
        exclusions.AddRow(row);
        var candidates = new Dictionary<int, Candidate>(count);
        AddNeighbours(index, snapshot.VectorOf(row), count, exclusions, candidates);
        var reason = Reasons.SimilarTo(source);
        var tracks = Rank(index, candidates, new RankingWeights(1, 0, 0), count, int.MaxValue, exclusions, reason);
        return new SimilarTracksResponse(source.Id, tracks, index.Version);
    }

    /// <summary>Cold start or degraded: the trending list (else the catalog's popularity), filtered and capped per artist.</summary>
    private RecommendationsResponse Fallback(TrackIndex index, string userId, int count, Exclusions exclusions, bool degraded, UserContext? context)
    {
        var fallback = FallbackFor(index);
        var tracks = new List<RecommendedTrack>(count);
        var cap = new ArtistCap(options.Value.MaxPerArtist);
        for (var i = 0; i < fallback.Rows.Length && tracks.Count < count; i++)
        {
            var row = fallback.Rows[i];
            var track = index.Snapshot.Tracks[row];
            if (!exclusions.Contains(row) && cap.TryTake(track.Artist))
            {
                tracks.Add(new RecommendedTrack(track.Id, track.Artist, track.Title, Math.Round(fallback.Scores[i], 4), fallback.ReasonAt(i)));
            }
        }
        return new RecommendationsResponse(userId, tracks, degraded, index.Version, context?.LastAppliedEventId, context?.LastEventAt, fallback.Strategy);
    }

    /// <summary>Fills a short answer (small catalog, heavy filters) from the fallback list, under the same rules.</summary>
    private void TopUp(TrackIndex index, List<RecommendedTrack> tracks, int count, Exclusions exclusions, int maxPerArtist)
    {
        var fallback = FallbackFor(index);
        var cap = new ArtistCap(maxPerArtist);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in tracks)
        {
            cap.TryTake(t.Artist);
            taken.Add(t.TrackId);
        }
        for (var i = 0; i < fallback.Rows.Length && tracks.Count < count; i++)
        {
            var track = index.Snapshot.Tracks[fallback.Rows[i]];
            if (!exclusions.Contains(fallback.Rows[i]) && !taken.Contains(track.Id) && cap.TryTake(track.Artist))
            {
                tracks.Add(new RecommendedTrack(track.Id, track.Artist, track.Title, 0, fallback.ReasonAt(i)));
            }
        }
    }

    private FallbackRows FallbackFor(TrackIndex index)
    {
        var list = trending.Current;
        var cached = Volatile.Read(ref _fallback);
        if (cached is not null && ReferenceEquals(cached.Source, list) && ReferenceEquals(cached.Index, index))
        {
            return cached;
        }
        var fresh = FallbackRows.Create(list, index);
        Volatile.Write(ref _fallback, fresh);
        return fresh;
    }

    private static void AddNeighbours(TrackIndex index, ReadOnlySpan<float> query, int k, Exclusions exclusions, Dictionary<int, Candidate> candidates)
    {
        k = Math.Min(k, index.Index.Count);
        if (k == 0)
        {
            return;
        }
        var buffer = ArrayPool<Neighbor>.Shared.Rent(k);
        try
        {
            Func<int, bool>? filter = exclusions.Count == 0 ? null : id => !exclusions.Contains(index.RowOf(id));
            var found = index.Index.Search(query, k, buffer.AsSpan(0, k), filter);
            for (var i = 0; i < found; i++)
            {
                candidates[index.RowOf(buffer[i].Id)] = new Candidate { Similarity = buffer[i].Score, TransitionSource = -1 };
            }
        }
        finally
        {
            ArrayPool<Neighbor>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// The latest plays that were not skipped (at most <see cref="RecommenderOptions.TransitionSources"/>, newest
    /// first) with their successors from the near cache, and one Redis read started for the rest; null when
    /// there is no source.
    /// </summary>
    private TransitionLookup? LookUpTransitions(
        TrackIndex index, IReadOnlyList<string> recent, IReadOnlyList<string> skipped, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var sources = new List<string>(o.TransitionSources);
        foreach (var id in recent)
        {
            if (sources.Count == o.TransitionSources)
            {
                break;
            }
            if (!sources.Contains(id) && !skipped.Contains(id))
            {
                sources.Add(id);
            }
        }
        if (sources.Count == 0)
        {
            return null;
        }
        var lists = new TransitionCache.Successor[sources.Count][];
        List<string>? missing = null;
        for (var s = 0; s < sources.Count; s++)
        {
            if (_transitions.TryGet(index, sources[s], out var cached))
            {
                lists[s] = cached;
            }
            else
            {
                (missing ??= []).Add(sources[s]);
            }
        }
        metrics.TransitionLookups(sources.Count - (missing?.Count ?? 0), missing?.Count ?? 0);
        var pending = missing is null ? null : reader.ReadTransitionsAsync(missing, o.TransitionsPerTrack, cancellationToken).AsTask();
        return new TransitionLookup(sources, lists, pending);
    }

    /// <summary>
    /// Successors of the looked-up sources (newest weighs 1, then 1/2, 1/4...), each source's list scaled by
    /// its best score, the sums scaled to [0, 1]. A failed read only drops the sources it was for (the answer
    /// stays personal).
    /// </summary>
    private async ValueTask AddTransitionsAsync(
        TrackIndex index, float[] query, TransitionLookup lookup, Exclusions exclusions, Dictionary<int, Candidate> candidates)
    {
        var (sources, lists, pending) = lookup;
        if (pending is not null)
        {
            var read = await pending.ConfigureAwait(false);
            for (var s = 0; s < sources.Count; s++)
            {
                lists[s] ??= read.Succeeded
                    ? _transitions.Set(index, sources[s], read.Value!.TryGetValue(sources[s], out var successors) ? successors : [])
                    : [];
            }
        }

        var snapshot = index.Snapshot;
        var raw = new Dictionary<int, (double Sum, double Best, int Source)>();
        for (var s = 0; s < sources.Count; s++)
        {
            var successors = lists[s] ?? [];
            if (successors.Length == 0 || !(successors[0].Score > 0))
            {
                continue;
            }
            var sourceRow = snapshot.IndexOf(sources[s]);
            var weight = Math.Pow(0.5, s);
            var top = successors[0].Score;
            foreach (var successor in successors)
            {
                var row = successor.Row;
                if (exclusions.Contains(row))
                {
                    continue;
                }
                var contribution = weight * successor.Score / top;
                var entry = raw.GetValueOrDefault(row, (0, 0, -1));
                entry.Sum += contribution;
                if (contribution > entry.Best)
                {
                    entry = (entry.Sum, contribution, sourceRow);
                }
                raw[row] = entry;
            }
        }
        var max = 0.0;
        foreach (var entry in raw.Values)
        {
            max = Math.Max(max, entry.Sum);
        }
        if (!(max > 0))
        {
            return;
        }
        foreach (var (row, entry) in raw)
        {
            if (!candidates.TryGetValue(row, out var candidate))
            {
                candidate = new Candidate
                {
                    Similarity = snapshot.HasVector(row) ? TensorPrimitives.Dot(query, snapshot.VectorOf(row)) : 0f,
                    TransitionSource = -1,
                };
            }
            candidate.Transition = (float)(entry.Sum / max);
            candidate.TransitionSource = entry.Source;
            candidates[row] = candidate;
        }
    }

    private static List<RecommendedTrack> Rank(
        TrackIndex index, Dictionary<int, Candidate> candidates, RankingWeights weights, int count, int maxPerArtist,
        Exclusions exclusions, string similarityReason)
    {
        var ranked = new (int Row, double Score)[candidates.Count];
        var n = 0;
        foreach (var (row, candidate) in candidates)
        {
            if (!exclusions.Contains(row))
            {
                ranked[n++] = (row, weights.Score(candidate, index.PopularityPrior(row)));
            }
        }
        var span = ranked.AsSpan(0, n);
        span.Sort(static (a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : a.Row.CompareTo(b.Row));

        var snapshot = index.Snapshot;
        var cap = new ArtistCap(maxPerArtist);
        var tracks = new List<RecommendedTrack>(count);
        foreach (var (row, score) in span)
        {
            if (tracks.Count == count)
            {
                break;
            }
            var track = snapshot.Tracks[row];
            if (!cap.TryTake(track.Artist))
            {
                continue;
            }
            var candidate = candidates[row];
            var reason = candidate.Transition >= TransitionReasonThreshold && candidate.TransitionSource >= 0 && weights.Transition > 0
                ? Reasons.PlayedAfter(snapshot.Tracks[candidate.TransitionSource])
                : similarityReason;
            tracks.Add(new RecommendedTrack(track.Id, track.Artist, track.Title, Math.Round(score, 4), reason));
        }
        return tracks;
    }

    /// <summary>Recency-weighted mean of the vectors of the latest plays (this catalog's space), or null.</summary>
    private static float[]? SeedQuery(TrackIndex index, IReadOnlyList<string> recent, out int newestRow)
    {
        newestRow = -1;
        var snapshot = index.Snapshot;
        float[]? sum = null;
        var used = 0;
        for (var i = 0; i < recent.Count && used < SeedTracks; i++)
        {
            var row = snapshot.IndexOf(recent[i]);
            if (row < 0 || !snapshot.HasVector(row))
            {
                continue;
            }
            sum ??= new float[index.Dimensions];
            TensorPrimitives.MultiplyAdd(snapshot.VectorOf(row), 1f / (1 + used), sum, sum);
            if (newestRow < 0)
            {
                newestRow = row;
            }
            used++;
        }
        if (sum is null)
        {
            return null;
        }
        var norm = TensorPrimitives.Norm(sum);
        if (!(norm > 0))
        {
            return null;
        }
        TensorPrimitives.Divide(sum, norm, sum);
        return sum;
    }

    private static bool IsUsable(DecayedVector? vector, TrackIndex index) =>
        vector is { IsEmpty: false } v && v.Dimensions == index.Dimensions && string.Equals(v.SpaceId, index.SpaceId, StringComparison.Ordinal);

    /// <summary>A query of another dimension than the index (a corrupt or foreign vector) counts as none.</summary>
    private static float[]? Usable(float[]? query, TrackIndex index) =>
        query is not null && query.Length == index.Dimensions && !float.IsNaN(query[0]) ? query : null;

    /// <summary>Transition sources with their successor lists; null lists wait for <see cref="Pending"/>.</summary>
    private sealed record TransitionLookup(
        List<string> Sources,
        TransitionCache.Successor[]?[] Lists,
        Task<RedisRead<IReadOnlyDictionary<string, IReadOnlyList<ScoredTrack>>>>? Pending);
}
