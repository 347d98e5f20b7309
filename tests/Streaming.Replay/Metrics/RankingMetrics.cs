namespace Streaming.Replay.Metrics;

/// <summary>
/// HitRate@K and MRR@K over scored targets: a target is a hit when it is among the first K
/// recommendations; its reciprocal rank is 1/rank for a hit and 0 otherwise.
/// </summary>
public sealed class RankingMetrics
{
    public int Targets { get; private set; }

    public int Hits { get; private set; }

    public double ReciprocalRankSum { get; private set; }

    public double HitRate => Targets == 0 ? 0 : (double)Hits / Targets;

    public double Mrr => Targets == 0 ? 0 : ReciprocalRankSum / Targets;

    /// <summary>Adds one target with its 1-based rank, or 0 when it was not recommended in the first K.</summary>
    public void Add(int rank)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rank);
        Targets++;
        if (rank > 0)
        {
            Hits++;
            ReciprocalRankSum += 1.0 / rank;
        }
    }

    /// <summary>1-based rank of <paramref name="target"/> among the first <paramref name="k"/> items, 0 when absent.</summary>
    public static int RankOf<T>(IReadOnlyList<T> recommendations, T target, int k)
    {
        var comparer = EqualityComparer<T>.Default;
        var n = Math.Min(k, recommendations.Count);
        for (var i = 0; i < n; i++)
        {
            if (comparer.Equals(recommendations[i], target))
            {
                return i + 1;
            }
        }
        return 0;
    }
}
