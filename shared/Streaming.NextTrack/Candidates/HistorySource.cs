namespace Streaming.NextTrack.Candidates;

/// <summary>
/// The listener's own history: what they played after the session's latest tracks before (their own successors,
/// always in the pool), then the tracks they return to, by a cheap score of play count and recency. Tracks skipped
/// more than played stay out. The learned ranker decides among them; this only bounds the pool.
/// </summary>
public static class HistorySource
{
    /// <summary>Recency scale of the cheap score: a play this long ago counts 1/e of a play now.</summary>
    public static readonly TimeSpan RecencyScale = TimeSpan.FromDays(14);

    public static IReadOnlyList<ScoredRow> Candidates(ListeningContext context, int take)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (take <= 0 || context.History.Count == 0)
        {
            return [];
        }
        var history = context.History;
        var scores = new Dictionary<int, double>(Math.Min(history.Count, take * 2));
        // Own successors of the sources, newest source strongest; they always make the pool.
        for (var s = 0; s < context.SourceRows.Length; s++)
        {
            var next = history.NextOf(context.SourceRows[s]);
            if (next >= 0 && !context.Excluded.Contains(next))
            {
                scores[next] = scores.GetValueOrDefault(next) + 100.0 / (s + 1);
            }
        }
        var scale = RecencyScale.TotalSeconds;
        for (var i = 0; i < history.Count; i++)
        {
            var row = history.Rows[i];
            var e = history.Entries[i];
            if (e.Plays == 0 || e.Skips > e.Plays || context.Excluded.Contains(row))
            {
                continue;
            }
            var age = Math.Max(0, context.NowSeconds - e.LastSeconds);
            scores[row] = scores.GetValueOrDefault(row) + Math.Log(1 + e.Plays) * Math.Exp(-age / scale);
        }
        return ListMerge.Top(scores, take);
    }
}
