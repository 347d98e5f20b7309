using System.Buffers;
using Streaming.VectorIndex;

namespace Streaming.NextTrack.Candidates;

/// <summary>
/// Nearest neighbours of the taste blend (session and long-term) in the audio vector space: discovery, and tracks
/// nobody has co-listened yet. Scores are cosines. Empty without a usable query or an index.
/// </summary>
public static class VectorNeighbourSource
{
    public static IReadOnlyList<ScoredRow> Candidates(ListeningContext context, int take)
    {
        ArgumentNullException.ThrowIfNull(context);
        var catalog = context.Catalog;
        if (take <= 0 || context.Query is not { } query || catalog.Index is not { } index || index.Count == 0)
        {
            return [];
        }
        return Search(catalog, index, query, Math.Min(take, index.Count), context.Excluded);
    }

    /// <summary>The <paramref name="k"/> nearest rows to <paramref name="query"/> not in <paramref name="excluded"/>.</summary>
    public static ScoredRow[] Search(RankingCatalog catalog, IVectorIndex index, ReadOnlySpan<float> query, int k, ExclusionSet excluded)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(index);
        k = Math.Min(k, index.Count);
        if (k <= 0)
        {
            return [];
        }
        var buffer = ArrayPool<Neighbor>.Shared.Rent(k);
        try
        {
            Func<int, bool>? filter = excluded.Count == 0 ? null : id => !excluded.Contains(catalog.RowOfIndexId(id));
            var found = index.Search(query, k, buffer.AsSpan(0, k), filter);
            var result = new ScoredRow[found];
            for (var i = 0; i < found; i++)
            {
                result[i] = new ScoredRow(catalog.RowOfIndexId(buffer[i].Id), buffer[i].Score);
            }
            return result;
        }
        finally
        {
            ArrayPool<Neighbor>.Shared.Return(buffer);
        }
    }
}
