namespace Streaming.Benchmarks.Recommender;

/// <summary>What one load phase (or the sum of several slices) achieved, seen from the client.</summary>
/// <param name="Completed">Answered 200.</param>
/// <param name="ServiceCpu">CPU time the service process used meanwhile (robust to other load on the machine).</param>
/// <param name="Shed">Answered 503 (over capacity).</param>
internal sealed record LoadResult(long Completed, long Errors, long Degraded, long Dropped, TimeSpan Elapsed, TimeSpan ServiceCpu, long Shed = 0)
{
    public static readonly LoadResult None = new(0, 0, 0, 0, TimeSpan.Zero, TimeSpan.Zero);

    public double RequestsPerSecond => Elapsed > TimeSpan.Zero ? Completed / Elapsed.TotalSeconds : 0;

    /// <summary>Service CPU per answered request, in milliseconds.</summary>
    public double CpuMsPerRequest => Completed + Errors + Shed == 0 ? 0 : ServiceCpu.TotalMilliseconds / (Completed + Errors + Shed);

    public LoadResult Plus(LoadResult other) => new(
        Completed + other.Completed, Errors + other.Errors, Degraded + other.Degraded, Dropped + other.Dropped,
        Elapsed + other.Elapsed, ServiceCpu + other.ServiceCpu, Shed + other.Shed);
}
