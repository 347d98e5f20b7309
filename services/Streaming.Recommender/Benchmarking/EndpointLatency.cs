namespace Streaming.Recommender.Benchmarking;

/// <summary>
/// A lock-free histogram of request durations: 5 µs buckets up to 200 ms, one overflow bucket.
/// Quantiles are the upper edge of their bucket (at most 5 µs pessimistic).
/// </summary>
public sealed class EndpointLatency
{
    public const double BucketMicroseconds = 5;
    private const int Buckets = 40_000;

    private readonly long[] _counts = new long[Buckets + 1];
    private long _count;
    private long _sumTicks;
    private long _maxTicks;

    public long Count => Interlocked.Read(ref _count);

    public void Record(long elapsedTicks)
    {
        var micros = elapsedTicks * 1_000_000.0 / System.Diagnostics.Stopwatch.Frequency;
        var bucket = (int)Math.Min(Buckets, micros / BucketMicroseconds);
        Interlocked.Increment(ref _counts[bucket]);
        Interlocked.Increment(ref _count);
        Interlocked.Add(ref _sumTicks, elapsedTicks);
        var max = Interlocked.Read(ref _maxTicks);
        while (elapsedTicks > max)
        {
            var seen = Interlocked.CompareExchange(ref _maxTicks, elapsedTicks, max);
            if (seen == max)
            {
                break;
            }
            max = seen;
        }
    }

    public void Reset()
    {
        Array.Clear(_counts);
        Interlocked.Exchange(ref _count, 0);
        Interlocked.Exchange(ref _sumTicks, 0);
        Interlocked.Exchange(ref _maxTicks, 0);
    }

    public Api.LatencySummary Summarize(string name)
    {
        var counts = new long[_counts.Length];
        long total = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] = Interlocked.Read(ref _counts[i]);
            total += counts[i];
        }
        var ticksToMs = 1000.0 / System.Diagnostics.Stopwatch.Frequency;
        var mean = total == 0 ? 0 : Interlocked.Read(ref _sumTicks) * ticksToMs / Math.Max(1, Count);
        return new Api.LatencySummary(
            name, total, Math.Round(mean, 4),
            Quantile(counts, total, 0.50), Quantile(counts, total, 0.90), Quantile(counts, total, 0.99), Quantile(counts, total, 0.999),
            Math.Round(Interlocked.Read(ref _maxTicks) * ticksToMs, 4));
    }

    private static double Quantile(long[] counts, long total, double q)
    {
        if (total == 0)
        {
            return 0;
        }
        var rank = (long)Math.Ceiling(q * total);
        long seen = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            seen += counts[i];
            if (seen >= rank)
            {
                return (i + 1) * BucketMicroseconds / 1000.0;
            }
        }
        return counts.Length * BucketMicroseconds / 1000.0;
    }
}
