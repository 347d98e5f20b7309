using System.Collections.Concurrent;
using System.Diagnostics;

namespace Streaming.Recommender.Benchmarking;

/// <summary>
/// Server-side request durations per endpoint tagged with <see cref="LatencyName"/>, measured by a middleware
/// from after routing to the end of the response write (authentication, rate limiting, handler, JSON).
/// Only with <c>Recommender:EnableBenchmarkEndpoints</c>; read and reset through <c>/v1/bench/latency</c>.
/// </summary>
public sealed class LatencyRecorder
{
    private readonly ConcurrentDictionary<string, EndpointLatency> _endpoints = new(StringComparer.Ordinal);

    public EndpointLatency For(string name) => _endpoints.GetOrAdd(name, static _ => new EndpointLatency());

    public Api.LatencySummary[] Summaries() =>
        _endpoints.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => e.Value.Summarize(e.Key)).ToArray();

    public void Reset()
    {
        foreach (var endpoint in _endpoints.Values)
        {
            endpoint.Reset();
        }
    }

    public RequestDelegate Middleware(RequestDelegate next) => async context =>
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<LatencyName>() is not { } name)
        {
            await next(context);
            return;
        }
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
            await context.Response.CompleteAsync();
        }
        finally
        {
            For(name.Name).Record(Stopwatch.GetTimestamp() - started);
        }
    };
}
