using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace Streaming.Benchmarks.Gateway;

/// <summary>What one closed-loop run measured.</summary>
internal sealed record ClosedLoopResult(long Accepted, long Errors, TimeSpan Elapsed, double P50Ms, double P99Ms)
{
    public double PerSecond => Accepted / Elapsed.TotalSeconds;
}

/// <summary>
/// N workers, each posting its next batch as soon as the previous one was answered (finds the maximum
/// throughput of the stack). Only 202 answers count.
/// </summary>
internal static class ClosedLoop
{
    public static async Task<ClosedLoopResult> RunAsync(
        HttpClient client, Uri endpoint, byte[][] bodies, int concurrency, TimeSpan duration, CancellationToken cancellationToken)
    {
        var stop = 0;
        long accepted = 0, errors = 0;
        var latencies = new List<long>[concurrency];
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            var mine = latencies[w] = new List<long>(4096);
            var i = w * 7919;
            while (Volatile.Read(ref stop) == 0 && !cancellationToken.IsCancellationRequested)
            {
                var body = bodies[i++ % bodies.Length];
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var content = new ByteArrayContent(body);
                    content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                    using var response = await client.PostAsync(endpoint, content, cancellationToken).ConfigureAwait(false);
                    await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
                    if (response.StatusCode == HttpStatusCode.Accepted)
                    {
                        Interlocked.Increment(ref accepted);
                        mine.Add(Stopwatch.GetTimestamp() - started);
                    }
                    else
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }, cancellationToken)).ToArray();
        await Task.Delay(duration, cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref stop, 1);
        await Task.WhenAll(workers).ConfigureAwait(false);
        var elapsed = clock.Elapsed;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new ClosedLoopResult(accepted, errors, elapsed, Quantile(all, 0.5), Quantile(all, 0.99));
    }

    private static double Quantile(long[] sorted, double q) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))] * 1000.0 / Stopwatch.Frequency;
}
