using Streaming.Recommender.Api;
using Streaming.Security;

namespace Streaming.Recommender.Benchmarking;

/// <summary>Benchmark-only endpoints (<c>Recommender:EnableBenchmarkEndpoints</c>).</summary>
internal static class BenchmarkEndpoints
{
    /// <summary><c>GET /v1/noop</c>: the same pipeline as <c>next</c> (auth, rate limit, JSON) without Redis or the index.</summary>
    public static IResult Noop(HttpContext http) =>
        TypedResults.Ok(new NoopResponse(http.User.SubjectId() ?? "", true));

    public static IResult Latency(LatencyRecorder recorder) => TypedResults.Ok(recorder.Summaries());

    public static IResult ResetLatency(LatencyRecorder recorder)
    {
        recorder.Reset();
        return TypedResults.NoContent();
    }
}
