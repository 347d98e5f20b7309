using System.Diagnostics;
using Streaming.Contracts.Events;
using Streaming.Replay.Metrics;
using Streaming.Replay.Protocol;

namespace Streaming.Replay.Live;

/// <summary>
/// End-to-end freshness: every <c>interval</c> a dedicated probe user (never scored) posts one private
/// play at the current time, and the recommender is polled until its answer reports that event as the
/// user's last applied one. Post to reflected answer is one freshness sample. Private plays steer only
/// the probe's own session, so probes add nothing to play counts, trending or transitions.
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
        var random = new Random(17);
        for (var seq = 0; !cancellationToken.IsCancellationRequested; seq++)
        {
            var next = clock() + interval.TotalSeconds;
            try
            {
                await ProbeOnceAsync(seq, probeTrackIds[random.Next(probeTrackIds.Count)], cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
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
        var delay = TimeSpan.FromMilliseconds(2);
        while (Stopwatch.GetElapsedTime(started) < timeout)
        {
            var answer = await recommender.NextAsync(user, null, 1, [], null, cancellationToken);
            if (string.Equals(answer.LastAppliedEventId, probe.EventId, StringComparison.Ordinal))
            {
                var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                Freshness.Add(clock(), ms);
                return ms;
            }
            await Task.Delay(delay, cancellationToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromMilliseconds(20).Ticks));
        }
        Interlocked.Increment(ref _timeouts);
        return null;
    }
}
