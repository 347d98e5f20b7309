namespace Streaming.Replay.Metrics;

/// <summary>Nearest-rank percentiles: the p-th percentile of n sorted values is the value at rank ceil(p/100 x n).</summary>
public static class Percentiles
{
    public static double Of(IReadOnlyList<double> sorted, double percentile)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(percentile, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 100);
        if (sorted.Count == 0)
        {
            return double.NaN;
        }
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }

    public static LatencySummary Summarize(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return new LatencySummary(
            sorted.Length,
            Of(sorted, 50),
            Of(sorted, 90),
            Of(sorted, 99),
            sorted.Length == 0 ? double.NaN : sorted[^1]);
    }
}

/// <summary>Count and nearest-rank percentiles (milliseconds unless said otherwise); NaN when empty.</summary>
public sealed record LatencySummary(int Count, double P50, double P90, double P99, double Max);
