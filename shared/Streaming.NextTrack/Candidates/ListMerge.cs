namespace Streaming.NextTrack.Candidates;

/// <summary>Merges per-source lists into one ranked list: score = sum over sources of weight(source) x score.</summary>
internal static class ListMerge
{
    public static IReadOnlyList<ScoredRow> Merge(
        IReadOnlyList<IReadOnlyList<ScoredRow>> lists, Func<int, double> weightOfSource, ExclusionSet excluded, int take)
    {
        if (take <= 0)
        {
            return [];
        }
        var sums = new Dictionary<int, double>();
        for (var s = 0; s < lists.Count; s++)
        {
            var weight = weightOfSource(s);
            foreach (var (row, score) in lists[s])
            {
                if (!excluded.Contains(row))
                {
                    sums[row] = sums.GetValueOrDefault(row) + weight * score;
                }
            }
        }
        return Top(sums, take);
    }

    /// <summary>The best <paramref name="take"/> by score, ties by row (deterministic).</summary>
    public static ScoredRow[] Top(Dictionary<int, double> scores, int take)
    {
        var all = new ScoredRow[scores.Count];
        var n = 0;
        foreach (var (row, score) in scores)
        {
            all[n++] = new ScoredRow(row, (float)score);
        }
        Array.Sort(all, static (a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Row.CompareTo(b.Row));
        return all.Length <= take ? all : all[..take];
    }
}
