using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Streaming.FaultHarness.Load;

namespace Streaming.FaultHarness.Chaos;

/// <summary>
/// Runs faults one after the other against one pipeline. Each row has users of its own: a steady stream through the
/// gateway (<see cref="SteadyLoad"/>) and freshness probes start, the fault is injected after the warm-up, held,
/// lifted, the stream goes on, stops, the lag drains, and the ledger is counted against Redis.
/// </summary>
public sealed class ChaosRun(Pipeline pipeline, ChaosOptions options)
{
    /// <summary>A probe is slow when it takes longer than this or 3x the row's healthy p99, whichever is more.</summary>
    private static readonly TimeSpan SlowFloor = TimeSpan.FromMilliseconds(250);

    private int _rows;

    /// <summary>Runs <paramref name="faults"/> in turn; <paramref name="onRow"/> sees each row as it is done.</summary>
    public async Task<IReadOnlyList<ChaosRow>> RunAllAsync(IEnumerable<PipelineFault> faults, Action<ChaosRow> onRow, CancellationToken cancellationToken = default)
    {
        var rows = new List<ChaosRow>();
        foreach (var fault in faults)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var row = await RunAsync(fault);
            rows.Add(row);
            onRow(row);
        }
        return rows;
    }

    public async Task<ChaosRow> RunAsync(PipelineFault fault)
    {
        var index = ++_rows;
        var context = new FaultContext($"r{index}");
        var ledger = new EventLedger();
        var answers = new AnswerTally();
        using var client = new GatewayClient(pipeline.Gateway.BaseAddress, pipeline.ServiceToken, ledger, answers);
        var tracks = pipeline.Catalog.Snapshot.Tracks.Select(t => t.Id).ToArray();
        var seconds = (options.Warmup + fault.Hold + options.After).TotalSeconds + 2;
        // ~80 events per user at most, below the catalog's size: no user plays a track twice.
        var plan = new EventPlan(context.RowPrefix, Math.Max(50, (int)(options.EventsPerSecond * seconds / 80)), tracks, seed: index);
        var probePlan = new EventPlan(context.RowPrefix + "p", Math.Max(16, (int)Math.Ceiling(seconds / options.ProbeEvery.TotalSeconds / 80)), tracks, seed: 1000 + index);
        var probes = new FreshnessProbes(client, probePlan, pipeline.Store, Stopwatch.StartNew(), options.ProbeEvery);
        var clock = probes.Clock;

        using var stop = new CancellationTokenSource();
        var load = new SteadyLoad(client, plan, options.EventsPerSecond, options.BatchSize).RunAsync(stop.Token);
        var probing = probes.RunAsync(stop.Token, options.Drain);
        TimeSpan injected, lifted;
        try
        {
            await Task.Delay(options.Warmup);
            injected = clock.Elapsed;
            await fault.InjectAsync(pipeline, context);
            await Task.Delay(fault.Hold);
            await fault.LiftAsync(pipeline, context);
            lifted = clock.Elapsed;
            await Task.Delay(options.After);
        }
        finally
        {
            await stop.CancelAsync();
        }
        var givenUp = await load;
        await probing;
        await pipeline.WaitForCatchUpAsync(options.Drain);
        await fault.VerifyAsync(pipeline, context);
        var count = await ledger.CountAsync(pipeline.Store);
        if (count.Lost > 0)
        {
            context.Notes.Add(LocateLost(count.LostEvents));
        }
        await CheckRecommenderAsync(plan.Users[0], context);
        await fault.RestoreAsync(pipeline, context);

        var samples = probes.Samples;
        var healthy = samples.Where(s => s.PostedAt < injected).Select(s => s.Freshness).ToArray();
        var slow = Max(SlowFloor, 3 * Percentile(healthy, 0.99));
        var during = samples.Where(s => s.PostedAt >= injected).Select(s => s.Freshness).ToArray();
        var recovery = RecoveredAt(samples.Where(s => s.PostedAt >= lifted).ToArray(), slow, lifted) - lifted;
        return new ChaosRow(fault.Name, count, givenUp, recovery, Percentile(during, 0.99), during.Length,
            probes.Outstanding, answers.Describe(), context.Notes, context.Failures)
        {
            AnswersWithoutRetryAfter = answers.WithoutRetryAfter,
        };
    }

    /// <summary>Whether the lost events reached Kafka (then the consumer side lost them) or not (then the produce side did).</summary>
    private string LocateLost(IReadOnlyList<PlannedEvent> lost)
    {
        var records = TopicRecords.ReadAll(pipeline.Settings.Bootstrap, pipeline.Settings.Topic, pipeline.Partitions, TimeSpan.FromSeconds(30));
        var found = lost.Select(e => (e.EventId, Record: records.FirstOrDefault(r => System.Text.Encoding.UTF8.GetString(r.Message.Value).Contains('"' + e.EventId + '"', StringComparison.Ordinal))))
            .Select(x => x.Record is null ? $"{x.EventId} not in Kafka" : $"{x.EventId} in Kafka at {x.Record.TopicPartitionOffset}");
        return "lost: " + string.Join(", ", found);
    }

    /// <summary>The recommender stayed up through the fault and answers for a user of the row.</summary>
    private async Task CheckRecommenderAsync(string user, FaultContext context)
    {
        using var http = await pipeline.Recommender.CreateClientAsync();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", pipeline.ServiceToken);
        using var ready = await http.GetAsync("health/ready");
        using var next = await http.GetAsync($"v1/users/{user}/next");
        if (ready.StatusCode != HttpStatusCode.OK || next.StatusCode != HttpStatusCode.OK)
        {
            context.Failures.Add($"recommender: ready {(int)ready.StatusCode}, next {(int)next.StatusCode}");
        }
    }

    /// <summary>
    /// The earliest post time from which at most 1% of the probes are slow: the stream is healthy again from there on
    /// (a lone slow probe later, a GC pause, does not move it); <paramref name="lifted"/> when it never was unhealthy.
    /// </summary>
    private static TimeSpan RecoveredAt(FreshnessSample[] afterLift, TimeSpan slow, TimeSpan lifted)
    {
        var slowFromHere = afterLift.Count(s => s.Freshness > slow);
        for (var i = 0; i < afterLift.Length; i++)
        {
            if (slowFromHere <= 0.01 * (afterLift.Length - i))
            {
                return i == 0 ? lifted : afterLift[i].PostedAt;
            }
            slowFromHere -= afterLift[i].Freshness > slow ? 1 : 0;
        }
        return afterLift.Length == 0 ? lifted : afterLift[^1].AppliedAt;
    }

    private static TimeSpan Percentile(TimeSpan[] values, double p)
    {
        if (values.Length == 0)
        {
            return TimeSpan.Zero;
        }
        var sorted = values.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
