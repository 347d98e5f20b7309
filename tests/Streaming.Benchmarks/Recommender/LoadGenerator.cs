using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace Streaming.Benchmarks.Recommender;

/// <summary>
/// HTTP load against one endpoint. Closed loop: N workers, each sends its next request when the previous one
/// answered (finds the maximum throughput). Open loop: requests start on a fixed schedule whatever the
/// answers do (latency at a given rate, no coordinated omission), at most <c>maxOutstanding</c> in flight.
/// Latencies are recorded for answered requests (200) only; 503 answers count as shed, anything else as an error.
/// </summary>
/// <param name="token">The bearer token of request i (many clients), or null: the client's default header.</param>
internal sealed class LoadGenerator(HttpClient client, Func<int, string> path, Func<TimeSpan> serviceCpu, Func<int, string>? token = null)
{
    private static readonly byte[] DegradedMarker = "\"degraded\":true"u8.ToArray();

    public async Task<LoadResult> ClosedLoopAsync(int concurrency, TimeSpan warmup, TimeSpan duration, ClientHistogram histogram, CancellationToken cancellationToken)
    {
        var measuring = 0;
        var stop = 0;
        long completed = 0, errors = 0, degraded = 0, shed = 0;
        var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            var i = w * 7919;
            while (Volatile.Read(ref stop) == 0 && !cancellationToken.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                var request = i++;
                var answer = await SendAsync(request).ConfigureAwait(false);
                if (Volatile.Read(ref measuring) == 1)
                {
                    Count(answer, Stopwatch.GetTimestamp() - started, histogram, ref completed, ref errors, ref degraded, ref shed);
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
        return new LoadResult(completed, errors, degraded, 0, elapsed, cpu, shed);
    }

    public async Task<LoadResult> OpenLoopAsync(double rate, TimeSpan duration, int maxOutstanding, ClientHistogram histogram, CancellationToken cancellationToken)
    {
        long completed = 0, errors = 0, degraded = 0, dropped = 0, outstanding = 0, shed = 0;
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
                var request = (int)issued;
                _ = Task.Run(async () =>
                {
                    var started = Stopwatch.GetTimestamp();
                    var answer = await SendAsync(request).ConfigureAwait(false);
                    Count(answer, Stopwatch.GetTimestamp() - started, histogram, ref completed, ref errors, ref degraded, ref shed);
                    Interlocked.Decrement(ref outstanding);
                }, CancellationToken.None);
            }
            await Task.Delay(1, cancellationToken).ConfigureAwait(false);
        }
        while (Interlocked.Read(ref outstanding) > 0)
        {
            await Task.Delay(5, CancellationToken.None).ConfigureAwait(false);
        }
        // Until the last answer: an overloaded service answers the offered rate only by answering late.
        return new LoadResult(completed, errors, degraded, dropped, clock.Elapsed, serviceCpu() - cpuBefore, shed);
    }

    private static void Count((HttpStatusCode? Status, bool Degraded) answer, long ticks, ClientHistogram histogram,
        ref long completed, ref long errors, ref long degraded, ref long shed)
    {
        switch (answer.Status)
        {
            case HttpStatusCode.OK:
                histogram.Record(ticks);
                Interlocked.Increment(ref completed);
                break;
            case HttpStatusCode.ServiceUnavailable:
                Interlocked.Increment(ref shed);
                break;
            default:
                Interlocked.Increment(ref errors);
                break;
        }
        if (answer.Degraded)
        {
            Interlocked.Increment(ref degraded);
        }
    }

    private async Task<(HttpStatusCode? Status, bool Degraded)> SendAsync(int request)
    {
        try
        {
            using var message = new HttpRequestMessage(HttpMethod.Get, path(request));
            if (token is not null)
            {
                message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token(request));
            }
            using var response = await client.SendAsync(message).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            return (response.StatusCode, body.AsSpan().IndexOf(DegradedMarker) >= 0);
        }
        catch (HttpRequestException)
        {
            return (null, false);
        }
        catch (TaskCanceledException)
        {
            return (null, false);
        }
    }
}
