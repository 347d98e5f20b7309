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

    /// <summary>Lists read by track key (in source order) resolved to rows; unknown keys are left out.</summary>
    public static IReadOnlyList<ScoredRow>[] PerSource(RankingCatalog catalog, ScoredTrackKey[][] lists)
    {
        var result = new IReadOnlyList<ScoredRow>[lists.Length];
        for (var s = 0; s < lists.Length; s++)
        {
            var list = lists[s];
            var rows = new ScoredRow[list.Length];
            var count = 0;
            foreach (var (key, score) in list)
            {
                if (catalog.RowOf(key) is var row and >= 0)
                {
                    rows[count++] = new ScoredRow(row, (float)score);
                }
            }
            result[s] = count == rows.Length ? rows : rows[..count];
        }
        return result;
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
