using Microsoft.Extensions.Options;
using Streaming.NextTrack;
using Streaming.NextTrack.Candidates;
using Streaming.NextTrack.Rankers;
using Streaming.Recommender.Api;
using Streaming.Recommender.Index;
using Streaming.Recommender.Options;
using Streaming.Recommender.Ranking;
using Streaming.Recommender.Taste;
using Streaming.Recommender.Telemetry;
using Streaming.TasteStore;

namespace Streaming.Recommender.Recommendations;

/// <summary>
/// The answers, as orchestration: read the store, build the listener's context, let the candidate sources fill a pool
/// and the snapshot's ranker order it (<see cref="NextTrackRanking"/>), fill what is missing from the trending list.
/// Every method takes the <see cref="TrackIndex"/> the request read once, so rows, vectors, the model and the space id
/// come from one catalog version. Redis failures never escape: they turn into degraded answers.
/// </summary>
public sealed class RecommendationService(
    TasteReader reader,
    FallbackFiller fallback,
    IOptions<RecommenderOptions> options,
    RecommenderMetrics metrics,
    TimeProvider time)
{
    /// <summary>
    /// Recent plays read with the context: all the store keeps (<see cref="TasteStoreOptions.RecentCapacity"/>), not only
    /// the exclusion window, so every play of a live session longer than that window is excluded too, and the context is
    /// built from the same list the training simulation keeps (<c>InMemoryListeners</c>).
    /// </summary>
    private const int RecentToRead = int.MaxValue;

    /// <summary><c>next</c>: the candidate sources ranked for this listener now (<paramref name="at"/>: the client's time, default the server's).</summary>
    public async ValueTask<RecommendationsResponse> NextAsync(
        TrackIndex index, string userId, string? sessionId, int count, IReadOnlyList<string> exclude, DateTimeOffset? at, CancellationToken cancellationToken)
    {
        var settings = options.Value.Ranking;
        var read = await reader.ReadContextAsync(userId, RecentToRead, cancellationToken).ConfigureAwait(false);
        if (!read.Succeeded)
        {
            metrics.Degraded(EndpointNames.Next, read.FailureReason!);
            return Fallback(index, userId, count, Excluding(index, exclude), degraded: true, context: null);
        }
        var stored = read.Value!;
        var now = at ?? time.GetUtcNow();
        var context = ListeningContext.Create(index.Ranking, ListenerStates.From(stored, sessionId), settings, now.ToUnixTimeMilliseconds(), exclude);
        if (context.IsColdStart)
        {
            return Fallback(index, userId, count, context.Excluded, degraded: false, stored);
        }

        var lists = await ReadListsAsync(context, cancellationToken).ConfigureAwait(false);
        var pool = NextTrackRanking.BuildPool(context, lists, fallback.TrendingRows(index));
        var ranker = options.Value.UseLearnedRanker ? index.Ranker : BlendRanker.Instance;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var ranked = NextTrackRanking.Rank(context, pool, ranker, count);
        metrics.Ranked(ranker.Name, pool.Count, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        var tracks = new List<RecommendedTrack>(count);
        foreach (var r in ranked)
        {
            var track = index.Snapshot.Tracks[r.Row];
            tracks.Add(new RecommendedTrack(track.Id, track.Artist, track.Title, Math.Round(r.Score, 4), ReasonOf(index, context, r)));
        }
        if (tracks.Count < count)
        {
            fallback.Fill(index, tracks, count, context.Excluded, settings.MaxPerArtist, scored: false);
        }
        var strategy = context.QueryIsSeeded ? Strategies.SessionSeeded : Strategies.Personal;
        return new RecommendationsResponse(userId, tracks, false, index.Version, stored.LastAppliedEventId, stored.LastEventAt, strategy);
    }

    /// <summary>
    /// <c>discover</c>: tracks the listener never played (counted plays of every year, recent history, skips), near the
    /// long-term taste in the vector space or played by others with the listener's favourites (so new releases without
    /// a vector are found too).
    /// </summary>
    public async ValueTask<RecommendationsResponse> DiscoverAsync(TrackIndex index, string userId, int count, CancellationToken cancellationToken)
    {
        var settings = options.Value.Ranking;
        var contextRead = reader.ReadContextAsync(userId, int.MaxValue, cancellationToken).AsTask();
        var playsRead = reader.ReadPlayCountsAsync(userId, cancellationToken).AsTask();
        await Task.WhenAll(contextRead, playsRead).ConfigureAwait(false);
        var (read, plays) = (contextRead.Result, playsRead.Result);
        if (!read.Succeeded || !plays.Succeeded)
        {
            metrics.Degraded(EndpointNames.Discover, read.FailureReason ?? plays.FailureReason!);
            return Fallback(index, userId, count, new ExclusionSet(), degraded: true, context: null);
        }
        var stored = read.Value!;
        var catalog = index.Ranking;
        // Long-term taste only: discover is about the listener, not this session.
        var state = ListenerStates.From(stored, sessionId: null) with { Session = null };
        var context = ListeningContext.Create(catalog, state, settings with { RecentExclusion = Math.Max(settings.RecentExclusion, stored.RecentTrackIds.Count) },
            time.GetUtcNow().ToUnixTimeMilliseconds(), plays.Value!.Select(p => p.TrackId));
        if (context.IsColdStart)
        {
            return Fallback(index, userId, count, context.Excluded, degraded: false, stored);
        }

        var favourites = context.History.Rows
            .Select((row, i) => (Row: row, context.History.Entries[i].Plays))
            .OrderByDescending(f => f.Plays).ThenBy(f => f.Row)
            .Take(settings.SourceTracks)
            .Select(f => catalog.Snapshot.Tracks[f.Row].Id)
            .ToArray();
        IReadOnlyList<ScoredRow> coListened = [];
        if (favourites.Length > 0)
        {
            var co = await reader.ReadCoListeningAsync(favourites, settings.ListLength, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            if (co.Succeeded)
            {
                coListened = CoListeningSource.Candidates(context, new SourceLists(ScoredRows.PerSource(catalog, favourites, co.Value!), []), settings.CoListeningCandidates);
            }
        }
        var similar = context.Query is { } query && catalog.Index is { } vectorIndex
            ? VectorNeighbourSource.Search(catalog, vectorIndex, query, Math.Max(settings.VectorCandidates, count * 4), context.Excluded)
            : [];
        var reason = context.QueryIsSeeded && context.SourceRows.Length > 0 ? Reasons.NewLike(catalog.Snapshot.Tracks[context.SourceRows[0]]) : Reasons.NewForYou;
        var tracks = Blend(index, similar, coListened, count, settings.MaxPerArtist, reason, favourites.Length > 0 ? catalog.RowOf(favourites[0]) : -1);
        if (tracks.Count < count)
        {
            fallback.Fill(index, tracks, count, context.Excluded, settings.MaxPerArtist, scored: false);
        }
        var strategy = context.QueryIsSeeded ? Strategies.SessionSeeded : Strategies.Personal;
        return new RecommendationsResponse(userId, tracks, false, index.Version, stored.LastAppliedEventId, stored.LastEventAt, strategy);
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

    /// <summary>
    /// <c>similar</c>: item-to-item neighbours in the vector space and tracks listeners play near this one (a track
    /// without a vector, a new release, is answered from co-listening alone); null when the catalog does not know it.
    /// </summary>
    public async ValueTask<SimilarTracksResponse?> SimilarAsync(TrackIndex index, string trackId, int count, CancellationToken cancellationToken)
    {
        var catalog = index.Ranking;
        var row = catalog.RowOf(trackId);
        if (row < 0)
        {
            return null;
        }
        var source = index.Snapshot.Tracks[row];
        var excluded = new ExclusionSet(1);
        excluded.Add(row);
        var similar = catalog.HasVector(row) && catalog.Index is { } vectorIndex
            ? VectorNeighbourSource.Search(catalog, vectorIndex, catalog.VectorOf(row), count, excluded)
            : [];
        IReadOnlyList<ScoredRow> coListened = [];
        var co = await reader.ReadCoListeningAsync([source.Id], options.Value.Ranking.ListLength, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (co.Succeeded && co.Value!.TryGetValue(source.Id, out var list))
        {
            coListened = ScoredRows.Resolve(catalog, list).Where(r => !excluded.Contains(r.Row)).ToArray();
        }
        var tracks = Blend(index, similar, coListened, count, int.MaxValue, Reasons.SimilarTo(source), row);
        return new SimilarTracksResponse(source.Id, tracks, index.Version);
    }

    /// <summary>Cold start or degraded: the trending list (else the catalog's popularity), filtered and capped per artist.</summary>
    private RecommendationsResponse Fallback(TrackIndex index, string userId, int count, ExclusionSet excluded, bool degraded, UserContext? context)
    {
        var tracks = new List<RecommendedTrack>(count);
        fallback.Fill(index, tracks, count, excluded, options.Value.Ranking.MaxPerArtist, scored: true);
        return new RecommendationsResponse(userId, tracks, degraded, index.Version, context?.LastAppliedEventId, context?.LastEventAt, fallback.RowsFor(index).Strategy);
    }

    /// <summary>Vector neighbours (cosine) and co-listened tracks (share of the best), merged on the larger of the two.</summary>
    private static List<RecommendedTrack> Blend(
        TrackIndex index, IReadOnlyList<ScoredRow> similar, IReadOnlyList<ScoredRow> coListened, int count, int maxPerArtist, string similarReason, int coSource)
    {
        var best = coListened.Count > 0 ? coListened.Max(c => c.Score) : 0f;
        var scores = new Dictionary<int, (float Score, bool Co)>();
        foreach (var (row, score) in similar)
        {
            scores[row] = (score, false);
        }
        foreach (var (row, score) in coListened)
        {
            var share = best > 0 ? score / best : 0f;
            if (!scores.TryGetValue(row, out var known) || share > known.Score)
            {
                scores[row] = (share, true);
            }
        }
        var catalog = index.Ranking;
        var perArtist = new Dictionary<int, int>();
        var tracks = new List<RecommendedTrack>(count);
        foreach (var (row, (score, co)) in scores.OrderByDescending(p => p.Value.Score).ThenBy(p => p.Key))
        {
            if (tracks.Count == count)
            {
                break;
            }
            var artist = catalog.ArtistOf(row);
            if (perArtist.GetValueOrDefault(artist) >= maxPerArtist)
            {
                continue;
            }
            perArtist[artist] = perArtist.GetValueOrDefault(artist) + 1;
            var track = index.Snapshot.Tracks[row];
            var reason = co && coSource >= 0 ? Reasons.PlayedWith(index.Snapshot.Tracks[coSource]) : similarReason;
            tracks.Add(new RecommendedTrack(track.Id, track.Artist, track.Title, Math.Round(score, 4), reason));
        }
        return tracks;
    }

    /// <summary>Co-listening and successors of the context's sources; a failed read leaves them out (the answer stays personal).</summary>
    private async ValueTask<SourceLists> ReadListsAsync(ListeningContext context, CancellationToken cancellationToken)
    {
        if (context.SourceIds.Length == 0)
        {
            return SourceLists.None(0);
        }
        var asOf = DateTimeOffset.FromUnixTimeSeconds(context.NowSeconds);
        var read = await reader.ReadTrackKeyListsAsync(context.SourceIds, context.Settings.ListLength, asOf, cancellationToken).ConfigureAwait(false);
        if (!read.Succeeded)
        {
            metrics.Degraded(EndpointNames.Next, "track-lists-" + read.FailureReason);
            return SourceLists.None(context.SourceIds.Length);
        }
        var lists = read.Value!;
        return new SourceLists(ScoredRows.PerSource(context.Catalog, lists.CoListening), ScoredRows.PerSource(context.Catalog, lists.Successors));
    }

    private static string ReasonOf(TrackIndex index, ListeningContext context, RankedTrack ranked)
    {
        var tracks = index.Snapshot.Tracks;
        return ranked.Origin switch
        {
            CandidateOrigin.OwnSuccessor when ranked.Because >= 0 => Reasons.YouPlayedAfter(tracks[ranked.Because]),
            CandidateOrigin.Successor when ranked.Because >= 0 => Reasons.PlayedAfter(tracks[ranked.Because]),
            CandidateOrigin.CoListened when ranked.Because >= 0 => Reasons.PlayedWith(tracks[ranked.Because]),
            CandidateOrigin.OwnHistory => Reasons.YouReturnTo,
            CandidateOrigin.Trending => Reasons.Trending,
            _ when context.QueryIsSeeded && context.SourceRows.Length > 0 => Reasons.SimilarTo(tracks[context.SourceRows[0]]),
            _ => context.SessionDirection is not null ? Reasons.FitsSession : Reasons.MatchesTaste,
        };
    }

    private static ExclusionSet Excluding(TrackIndex index, IReadOnlyList<string> ids)
    {
        var excluded = new ExclusionSet(ids.Count);
        foreach (var id in ids)
        {
            excluded.Add(index.Ranking.RowOf(id));
        }
        return excluded;
    }
}
