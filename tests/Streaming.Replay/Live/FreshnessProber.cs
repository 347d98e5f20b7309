using System.Diagnostics;
using Streaming.Contracts.Events;
using Streaming.Replay.Metrics;
using Streaming.Replay.Protocol;

namespace Streaming.Replay.Live;

/// <summary>
/// End-to-end freshness: <see cref="ProbeUsers"/> dedicated probe users (never scored) probe side by side, together
/// one probe every <c>interval</c>: a probe posts one private play at the current time, and the recommender is polled
/// at a fixed <see cref="PollStep"/> until its answer reports that event as the user's last applied one. Post to
/// reflected answer is one freshness sample. Private plays steer only the probe's own session, so probes add nothing
/// to play counts, trending or transitions.
/// </summary>
public sealed class FreshnessProber(
    IEventGateway gateway,
    INextTrackService recommender,
    IReadOnlyList<string> probeTrackIds,
    string runTag,
    TimeSpan interval,
    TimeSpan timeout,
    Func<double> clock,
    TimeProvider time)
{
    public const int ProbeUsers = 4;

    /// <summary>Fixed step between polls of one probe: a sample is at most this much (plus one request) late.</summary>
    public static readonly TimeSpan PollStep = TimeSpan.FromMilliseconds(2);

    private long _timeouts;

    /// <summary>(wall seconds, milliseconds from post to a reflecting answer).</summary>
    public SampleRecorder Freshness { get; } = new();

    public long Timeouts => Interlocked.Read(ref _timeouts);

    public static string ProbeUserId(string runTag, int n) => ReplayIds.UserId($"probe-{runTag}-{n}");

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (probeTrackIds.Count == 0)
        {
            return;
        }
        // Each probe user probes in turn (its events stay in order), the users staggered over one interval each.
        await Task.WhenAll(Enumerable.Range(0, ProbeUsers).Select(n => RunUserAsync(n, cancellationToken)));
    }

    private async Task RunUserAsync(int n, CancellationToken cancellationToken)
    {
        var random = new Random(17 + n);
        var period = interval.TotalSeconds * ProbeUsers;
        var next = clock() + interval.TotalSeconds * n;
        for (var round = 0; !cancellationToken.IsCancellationRequested; round++)
        {
            var wait = next - clock();
            if (wait > 0)
            {
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(wait), cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
            next += period;
            try
            {
                await ProbeOnceAsync(round * ProbeUsers + n, probeTrackIds[random.Next(probeTrackIds.Count)], cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            // A probe that ran past its slot starts the next one at once, never a burst to catch up.
            next = Math.Max(next, clock());
        }
    }

    /// <summary>One probe; returns the freshness in ms, or null on timeout.</summary>
    public async Task<double?> ProbeOnceAsync(int seq, string trackId, CancellationToken cancellationToken)
    {
        var user = ProbeUserId(runTag, seq % ProbeUsers);
        var probe = new OutgoingEvent(
            ReplayIds.EventId(user, seq), user, trackId, $"{user}-s00000", ListeningEventKind.PlayEnded,
            time.GetUtcNow(), 180_000, null, PrivateSession: true);
        var started = Stopwatch.GetTimestamp();
        var result = await gateway.PostAsync([probe], cancellationToken);
        if (result.Accepted == 0)
        {
            throw new ReplayFatalException($"the gateway rejected a freshness probe: {result.FirstRejection}");
        }
        while (Stopwatch.GetElapsedTime(started) < timeout)
        {
            var answer = await recommender.NextAsync(user, null, 1, [], null, cancellationToken);
            if (string.Equals(answer.LastAppliedEventId, probe.EventId, StringComparison.Ordinal))
            {
                var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                Freshness.Add(clock(), ms);
                return ms;
            }
            await Task.Delay(PollStep, cancellationToken);
        }
        Interlocked.Increment(ref _timeouts);
        return null;
    }
}
