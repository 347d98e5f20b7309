using System.Collections.Concurrent;
using System.Diagnostics;

namespace Streaming.FaultHarness.Load;

/// <summary>
/// Freshness as a player sees it: a probe event is posted every <c>every</c> (users in turn), and Redis is read every
/// 2 ms (one pipelined read of every probe user's last applied event id) until it shows the probe applied. A user's
/// events are applied in order, so a last id of sequence n means every probe of that user up to n is applied.
/// </summary>
public sealed class FreshnessProbes(GatewayClient client, EventPlan plan, TasteStore.TasteStore store, Stopwatch clock, TimeSpan every)
{
    private static readonly TimeSpan PollStep = TimeSpan.FromMilliseconds(2);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Pending>> _pending = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<FreshnessSample> _samples = [];

    /// <summary>The run's clock (probe times are read on it).</summary>
    public Stopwatch Clock => clock;

    /// <summary>Applied probes: when each was posted (on <c>clock</c>) and how long until Redis showed it.</summary>
    public IReadOnlyList<FreshnessSample> Samples => [.. _samples.OrderBy(s => s.PostedAt)];

    /// <summary>Probes posted and not yet seen applied.</summary>
    public int Outstanding => _pending.Values.Sum(q => q.Count);

    /// <summary>Posts until <paramref name="stop"/>; polls until every probe is seen applied or <paramref name="drain"/> after the stop.</summary>
    public async Task RunAsync(CancellationToken stop, TimeSpan drain)
    {
        foreach (var user in plan.Users)
        {
            _pending[user] = new ConcurrentQueue<Pending>();
        }
        using var polling = new CancellationTokenSource();
        var poller = PollAsync(polling.Token);
        var deliveries = new List<Task<bool>>();
        using (var timer = new PeriodicTimer(every))
        {
            try
            {
                while (await timer.WaitForNextTickAsync(stop))
                {
                    var probe = plan.Next(roundRobin: true);
                    _pending[probe.UserId].Enqueue(new Pending(probe.Sequence, clock.Elapsed));
                    deliveries.Add(client.DeliverAsync([probe]));
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Stop posting; keep polling for what was posted.
            }
        }
        await Task.WhenAll(deliveries);
        var deadline = clock.Elapsed + drain;
        while (Outstanding > 0 && clock.Elapsed < deadline)
        {
            await Task.Delay(20, CancellationToken.None);
        }
        await polling.CancelAsync();
        await poller;
    }

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        var users = plan.Users;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var progress = await store.ReadProgressAsync(users);
                var now = clock.Elapsed;
                for (var i = 0; i < users.Count; i++)
                {
                    var applied = EventPlan.SequenceOf(progress[i].LastAppliedEventId);
                    var queue = _pending[users[i]];
                    while (queue.TryPeek(out var next) && next.Sequence <= applied && queue.TryDequeue(out next))
                    {
                        _samples.Add(new FreshnessSample(next.PostedAt, now - next.PostedAt));
                    }
                }
            }
            catch (Exception e) when (e is StackExchange.Redis.RedisConnectionException or StackExchange.Redis.RedisTimeoutException
                                       || e.Message.StartsWith("LOADING", StringComparison.Ordinal)
                                       || e.Message.StartsWith("CLUSTERDOWN", StringComparison.Ordinal))
            {
                // Redis is the fault under test (down, replaying its append-only file, or a cluster with a primary
                // declared failed): the probes wait, and their freshness shows the outage.
            }
            try
            {
                await Task.Delay(PollStep, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private sealed record Pending(long Sequence, TimeSpan PostedAt);
}
