using System.Diagnostics;

namespace Streaming.Benchmarks.Recommender;

/// <summary>Client-observed latencies: 10 µs buckets up to 1 s (lock-free).</summary>
internal sealed class ClientHistogram
{
    private const double BucketMicros = 10;
    private readonly long[] _counts = new long[100_001];

    public void Record(long ticks)
    {
        var micros = ticks * 1_000_000.0 / Stopwatch.Frequency;
        Interlocked.Increment(ref _counts[(int)Math.Min(_counts.Length - 1, micros / BucketMicros)]);
    }

    public double Quantile(double q)
    {
        var total = _counts.Sum();
        if (total == 0)
        {
            return 0;
        }
        var rank = (long)Math.Ceiling(q * total);
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return (i + 1) * BucketMicros / 1000.0;
            }
        }
        return _counts.Length * BucketMicros / 1000.0;
    }
}
