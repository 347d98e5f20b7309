using System.Buffers;
using Streaming.NextTrack.Candidates;
using Streaming.NextTrack.Features;
using Streaming.NextTrack.Rankers;

namespace Streaming.NextTrack;

/// <summary>
/// The next-track answer: the candidate sources fill one pool, every candidate gets its features, the ranker scores
/// them, the best come first under the per-artist cap. Pure: the caller reads the store and passes what it read.
/// </summary>
public static class NextTrackRanking
{
    /// <summary>The pool of every source for this request (what the ranker chooses from).</summary>
    public static CandidatePool BuildPool(ListeningContext context, SourceLists lists, IReadOnlyList<ScoredRow> trending)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = context.Settings;
        var pool = new CandidatePool(settings.HistoryCandidates + settings.CoListeningCandidates + settings.SuccessorCandidates
                                     + settings.VectorCandidates + settings.TrendingCandidates);
        pool.AddHistory(HistorySource.Candidates(context, settings.HistoryCandidates));
        pool.AddCoListening(CoListeningSource.Candidates(context, lists, settings.CoListeningCandidates));
        pool.AddSuccessors(SuccessorSource.Candidates(context, lists, settings.SuccessorCandidates));
        pool.AddVectorNeighbours(VectorNeighbourSource.Candidates(context, settings.VectorCandidates));
        pool.AddTrending(TrendingSource.Candidates(context, trending, settings.TrendingCandidates));
        return pool;
    }

    /// <summary>The best <paramref name="count"/> of the pool by <paramref name="ranker"/>, at most <see cref="NextTrackSettings.MaxPerArtist"/> per artist.</summary>
    public static RankedTrack[] Rank(ListeningContext context, CandidatePool pool, INextTrackRanker ranker, int count)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(ranker);
        var n = pool.Count;
        if (n == 0 || count <= 0)
        {
            return [];
        }
        var features = ArrayPool<float>.Shared.Rent(n * FeatureNames.Count);
        var scores = ArrayPool<float>.Shared.Rent(n);
        var order = ArrayPool<(float Score, int Row, int Slot)>.Shared.Rent(n);
        var cap = context.Settings.MaxPerArtist;
        var capped = cap < count;
        var artists = capped ? ArrayPool<int>.Shared.Rent(count) : null;
        var taken = capped ? ArrayPool<int>.Shared.Rent(count) : null;
        try
        {
            using (var extractor = new FeatureExtractor(context))
            {
                extractor.Extract(pool, features);
            }
            ranker.Score(features.AsSpan(0, n * FeatureNames.Count), n, scores);
            var rows = pool.Rows;
            for (var i = 0; i < n; i++)
            {
                order[i] = (scores[i], rows[i], i);
            }
            // Best first, ties by row: the same answer for the same input, whatever the pool's order.
            order.AsSpan(0, n).Sort(static (a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Row.CompareTo(b.Row));

            var result = new RankedTrack[Math.Min(count, n)];
            var found = 0;
            var kinds = 0;
            for (var k = 0; k < n && found < result.Length; k++)
            {
                var (score, row, slot) = order[k];
                if (capped)
                {
                    var artist = context.Catalog.ArtistOf(row);
                    var at = Array.IndexOf(artists!, artist, 0, kinds);
                    if (at < 0)
                    {
                        at = kinds++;
                        artists![at] = artist;
                        taken![at] = 0;
                    }
                    if (taken![at] >= cap)
                    {
                        continue;
                    }
                    taken[at]++;
                }
                var (origin, because) = OriginOf(context, pool, slot, features.AsSpan(slot * FeatureNames.Count, FeatureNames.Count));
                result[found++] = new RankedTrack(row, score, origin, because);
            }
            return found == result.Length ? result : result[..found];
        }
        finally
        {
            ArrayPool<float>.Shared.Return(features);
            ArrayPool<float>.Shared.Return(scores);
            ArrayPool<(float, int, int)>.Shared.Return(order);
            if (capped)
            {
                ArrayPool<int>.Shared.Return(artists!);
                ArrayPool<int>.Shared.Return(taken!);
            }
        }
    }

    /// <summary>The strongest evidence for a candidate, for the answer's reason.</summary>
    private static (CandidateOrigin Origin, int Because) OriginOf(ListeningContext context, CandidatePool pool, int slot, ReadOnlySpan<float> f)
    {
        var row = pool.Rows[slot];
        var sources = context.SourceRows;
        for (var s = 0; s < sources.Length; s++)
        {
            if (context.History.NextOf(sources[s]) == row)
            {
                return (CandidateOrigin.OwnSuccessor, sources[s]);
            }
        }
        var signal = pool.Signal[slot];
        var last = sources.Length > 0 ? sources[0] : -1;
        if (signal.SuccessorRank >= 0 && f[FeatureNames.SuccessorShare] >= 0.5f)
        {
            return (CandidateOrigin.Successor, last);
        }
        if (signal.CoListeningRank >= 0 && f[FeatureNames.CoListeningShare] >= 0.5f)
        {
            return (CandidateOrigin.CoListened, last);
        }
        if (f[FeatureNames.OwnKnown] > 0)
        {
            return (CandidateOrigin.OwnHistory, -1);
        }
        if (signal.VectorRank >= 0)
        {
            return (CandidateOrigin.Similar, -1);
        }
        return (CandidateOrigin.Trending, -1);
    }
}
