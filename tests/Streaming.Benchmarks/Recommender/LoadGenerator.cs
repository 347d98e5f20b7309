using System.Diagnostics;
using System.Net;

namespace Streaming.Benchmarks.Recommender;

/// <summary>
/// HTTP load against one endpoint. Closed loop: N workers, each sends its next request when the previous one
/// answered (finds the maximum throughput). Open loop: requests start on a fixed schedule whatever the
/// answers do (latency at a given rate, no coordinated omission), at most <c>maxOutstanding</c> in flight.
/// </summary>
internal sealed class LoadGenerator(HttpClient client, Func<int, string> path, Func<TimeSpan> serviceCpu)
{
    private static readonly byte[] DegradedMarker = "\"degraded\":true"u8.ToArray();

    public async Task<LoadResult> ClosedLoopAsync(int concurrency, TimeSpan warmup, TimeSpan duration, ClientHistogram histogram, CancellationToken cancellationToken)
    {
        var measuring = 0;
        var stop = 0;
        long completed = 0, errors = 0, degraded = 0;
        var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            var i = w * 7919;
            while (Volatile.Read(ref stop) == 0 && !cancellationToken.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                var (ok, isDegraded) = await SendAsync(path(i++)).ConfigureAwait(false);
                if (Volatile.Read(ref measuring) == 1)
                {
                    histogram.Record(Stopwatch.GetTimestamp() - started);
                    Interlocked.Increment(ref ok ? ref completed : ref errors);
                    if (isDegraded)
                    {
                        Interlocked.Increment(ref degraded);
                    }
                }
            }
        }, cancellationToken)).ToArray();
        await Task.Delay(warmup, cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref measuring, 1);
        var cpuBefore = serviceCpu();
        var clock = Stopwatch.StartNew();
        await Task.Delay(duration, cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref measuring, 0);
        var elapsed = clock.Elapsed;
        var cpu = serviceCpu() - cpuBefore;
        Volatile.Write(ref stop, 1);
        await Task.WhenAll(workers).ConfigureAwait(false);
        return new LoadResult(completed, errors, degraded, 0, elapsed, cpu);
    }

    public async Task<LoadResult> OpenLoopAsync(double rate, TimeSpan duration, int maxOutstanding, ClientHistogram histogram, CancellationToken cancellationToken)
    {
        long completed = 0, errors = 0, degraded = 0, dropped = 0, outstanding = 0;
        var cpuBefore = serviceCpu();
        var clock = Stopwatch.StartNew();
        long issued = 0;
        while (clock.Elapsed < duration && !cancellationToken.IsCancellationRequested)
        {
            var due = (long)(clock.Elapsed.TotalSeconds * rate);
            for (; issued < due; issued++)
            {
                if (Interlocked.Read(ref outstanding) >= maxOutstanding)
                {
                    dropped++;
                    continue;
                }
                Interlocked.Increment(ref outstanding);
                var requestPath = path((int)issued);
                _ = Task.Run(async () =>
                {
                    var started = Stopwatch.GetTimestamp();
                    var (ok, isDegraded) = await SendAsync(requestPath).ConfigureAwait(false);
                    histogram.Record(Stopwatch.GetTimestamp() - started);
                    Interlocked.Increment(ref ok ? ref completed : ref errors);
                    if (isDegraded)
                    {
                        Interlocked.Increment(ref degraded);
                    }
                    Interlocked.Decrement(ref outstanding);
                }, CancellationToken.None);
            }
            await Task.Delay(1, cancellationToken).ConfigureAwait(false);
        }
        var elapsed = clock.Elapsed;
        while (Interlocked.Read(ref outstanding) > 0)
        {
            await Task.Delay(5, CancellationToken.None).ConfigureAwait(false);
        }
        return new LoadResult(completed, errors, degraded, dropped, elapsed, serviceCpu() - cpuBefore);
    }

    private async Task<(bool Ok, bool Degraded)> SendAsync(string requestPath)
    {
        try
        {
            using var response = await client.GetAsync(requestPath).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            return (response.StatusCode == HttpStatusCode.OK, body.AsSpan().IndexOf(DegradedMarker) >= 0);
        }
        catch (HttpRequestException)
        {
            return (false, false);
        }
        catch (TaskCanceledException)
        {
            return (false, false);
        }
    }
}
