namespace Streaming.Benchmarks.Recommender;

/// <summary>What one load phase achieved, seen from the client.</summary>
internal sealed record LoadResult(long Completed, long Errors, long Degraded, long Dropped, TimeSpan Elapsed, double ClientP50Ms, double ClientP99Ms)
{
    public double RequestsPerSecond => Completed / Elapsed.TotalSeconds;
}
