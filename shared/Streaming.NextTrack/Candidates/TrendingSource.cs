namespace Streaming.NextTrack.Candidates;

/// <summary>What is popular right now (decayed counted plays of all listeners), for listeners with nothing yet and as a prior for everyone.</summary>
public static class TrendingSource
{
    /// <param name="trending">Rows best first with scores scaled to [0, 1].</param>
    public static IReadOnlyList<ScoredRow> Candidates(ListeningContext context, IReadOnlyList<ScoredRow> trending, int take)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(trending);
        var result = new List<ScoredRow>(Math.Min(take, trending.Count));
        foreach (var candidate in trending)
        {
            if (result.Count >= take)
            {
                break;
            }
            if (!context.Excluded.Contains(candidate.Row))
            {
                result.Add(candidate);
            }
        }
        return result;
    }
}
