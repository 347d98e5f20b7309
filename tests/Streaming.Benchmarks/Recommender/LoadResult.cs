namespace Streaming.Benchmarks.Recommender;

/// <summary>What one load phase achieved, seen from the client.</summary>
/// <param name="ServiceCpu">CPU time the service process used meanwhile (robust to other load on the machine).</param>
internal sealed record LoadResult(
    long Completed, long Errors, long Degraded, long Dropped, TimeSpan Elapsed, double ClientP50Ms, double ClientP99Ms, TimeSpan ServiceCpu)
{
    public double RequestsPerSecond => Completed / Elapsed.TotalSeconds;

    /// <summary>Service CPU per answered request, in milliseconds.</summary>
    public double CpuMsPerRequest => Completed + Errors == 0 ? 0 : ServiceCpu.TotalMilliseconds / (Completed + Errors);
}
