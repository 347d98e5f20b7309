using Streaming.NextTrack;
using Streaming.TasteStore;

namespace Streaming.Recommender.Ranking;

/// <summary>Store lists (track ids with scores) resolved to the rows of one catalog version; unknown tracks are left out.</summary>
public static class ScoredRows
{
    public static ScoredRow[] Resolve(RankingCatalog catalog, IReadOnlyList<ScoredTrack>? tracks)
    {
        if (tracks is null || tracks.Count == 0)
        {
            return [];
        }
        var rows = new List<ScoredRow>(tracks.Count);
        foreach (var track in tracks)
        {
            if (catalog.RowOf(track.TrackId) is var row and >= 0)
            {
                rows.Add(new ScoredRow(row, (float)track.Score));
            }
        }
        return [.. rows];
    }

    /// <summary>Per source (in <paramref name="sources"/> order) the resolved list read for it.</summary>
    public static IReadOnlyList<ScoredRow>[] PerSource(RankingCatalog catalog, IReadOnlyList<string> sources, IReadOnlyDictionary<string, IReadOnlyList<ScoredTrack>> lists)
    {
        var result = new IReadOnlyList<ScoredRow>[sources.Count];
        for (var s = 0; s < sources.Count; s++)
        {
            result[s] = Resolve(catalog, lists.TryGetValue(sources[s], out var list) ? list : null);
        }
        return result;
    }
}
