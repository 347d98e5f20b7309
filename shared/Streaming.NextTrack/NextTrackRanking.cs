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
        var pool = new CandidatePool();
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
        var order = ArrayPool<int>.Shared.Rent(n);
        try
        {
            new FeatureExtractor(context).Extract(pool, features);
            ranker.Score(features.AsSpan(0, n * FeatureNames.Count), n, scores);
            for (var i = 0; i < n; i++)
            {
                order[i] = i;
            }
            var rows = pool.Rows;
            Array.Sort(order, 0, n, Comparer<int>.Create((a, b) => scores[a] != scores[b] ? scores[b].CompareTo(scores[a]) : rows[a].CompareTo(rows[b])));

            var result = new List<RankedTrack>(Math.Min(count, n));
            var perArtist = new Dictionary<int, int>();
            var cap = context.Settings.MaxPerArtist;
            for (var k = 0; k < n && result.Count < count; k++)
            {
                var slot = order[k];
                var row = rows[slot];
                var artist = context.Catalog.ArtistOf(row);
                var taken = perArtist.GetValueOrDefault(artist);
                if (taken >= cap)
                {
                    continue;
                }
                perArtist[artist] = taken + 1;
                var (origin, because) = OriginOf(context, pool, slot, features.AsSpan(slot * FeatureNames.Count, FeatureNames.Count));
                result.Add(new RankedTrack(row, scores[slot], origin, because));
            }
            return [.. result];
        }
        finally
        {
            ArrayPool<float>.Shared.Return(features);
            ArrayPool<float>.Shared.Return(scores);
            ArrayPool<int>.Shared.Return(order);
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
