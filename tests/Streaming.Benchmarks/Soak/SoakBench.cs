using System.Diagnostics;
using System.Globalization;
using StackExchange.Redis;
using Streaming.FaultHarness;
using Streaming.FaultHarness.Load;

namespace Streaming.Benchmarks.Soak;

/// <summary>
/// <c>soak</c>: the whole pipeline (as in <c>chaos</c>) under a steady stream for <c>--minutes</c>, from a rotating
/// set of users: <c>--groups</c> groups of <c>--users</c>, one group active per <c>--window</c> seconds, each user
/// playing a rotation of 20 favourite tracks. The per-user TTL (<c>--ttl</c> seconds) is shorter than a group's idle
/// time, so users' state expires and comes back within the run, as in production over weeks. Prints the resident
/// memory of each process and Redis <c>used_memory</c> at the start and the end, and their slopes over the last
/// 5 minutes (target: each under 1 MiB/min). The baseline is the start of the same run. Players also ask for their
/// next track (<c>--asks</c> per second), so the recommender's request path is soaked too.
/// </summary>
public sealed class SoakBench : IBench
{
    private const double TargetSlope = 1.0;

    public string Name => "soak";

    public string Description =>
        "the pipeline under a steady stream from rotating users with expiry: RSS of each process and Redis used_memory, start/end and slope over the last 5 min (< 1 MiB/min). --minutes 10 --rate 200 --ttl 60 --partitions 2 --asks 50";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var options = new BenchArgs(args);
        var minutes = options.Double("minutes", 10);
        var rate = options.Int("rate", 200);
        var ttl = TimeSpan.FromSeconds(options.Double("ttl", 60));
        var groups = options.Int("groups", 4);
        var usersPerGroup = options.Int("users", 500);
        var window = TimeSpan.FromSeconds(options.Double("window", 30));
        var sampleEvery = TimeSpan.FromSeconds(options.Double("sample", 10));
        // The dev broker keeps at most ~5 MiB per partition (librdkafka's mock), dropping the oldest: with few
        // partitions that ring is full within the first minutes, so the broker's slope afterwards shows a leak, not the ring.
        var partitions = options.Int("partitions", 2);
        var asks = options.Int("asks", 50);
        var idle = window * (groups - 1);
        if (idle <= ttl)
        {
            Console.Error.WriteLine($"a group is idle {idle.TotalSeconds:F0} s, not longer than the TTL {ttl.TotalSeconds:F0} s: nothing would expire.");
            return 2;
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"soak: {Environment.ProcessorCount} cores; {minutes:F0} min at {rate} events/s over {partitions} partitions; {groups} groups of {usersPerGroup} users, one active per {window.TotalSeconds:F0} s (idle {idle.TotalSeconds:F0} s), user TTL {ttl.TotalSeconds:F0} s"));

        await using var pipeline = await Pipeline.StartAsync(name: "soak", partitions: partitions, environment: new Dictionary<string, string?>
        {
            ["TasteStore__UserTtl"] = ttl.ToString("c", CultureInfo.InvariantCulture),
            // Uncompressed batches fill the dev broker's ring (5 MiB per partition) in minutes; lz4 would take the run.
            ["Kafka__Producer__Compression"] = "none",
        });
        using var ring = new BrokerRing(pipeline.Settings.Bootstrap, pipeline.Settings.Topic, partitions);
        double? ringFullAt = null;
        var server = pipeline.Redis.Connection.GetServers()[0];
        var redisPid = (int)(await InfoAsync(server, "server", "process_id"));
        var pids = new List<(string Name, int Pid)>
        {
            ("gateway", pipeline.Gateway.Process.Id),
            ("recommender", pipeline.Recommender.Process.Id),
            ("dev broker", pipeline.Broker.ProcessId),
        };
        pids.AddRange(pipeline.Workers.Select((w, i) => ($"taste-worker-{i + 1}", w.ProcessId)));
        pids.Add(("redis-server (RSS)", redisPid));
        var processes = pids.Select(p => (Series: new MemorySeries(p.Name), Read: (Func<double?>)(() => ResidentMemory.MiB(p.Pid)))).ToList();
        var usedMemory = new MemorySeries("redis used_memory");
        // What the RSS is made of, to tell a leak (private memory, a heap that survives collections) from warm-up
        // (JIT-compiled code in shared memory, mapped assembly pages).
        var parts = pids.SelectMany(p => new[]
        {
            (Series: new MemorySeries($"{p.Name}, private (RssAnon)"), Read: (Func<double?>)(() => ResidentMemory.MiB(p.Pid, ResidentMemory.Anonymous))),
            (Series: new MemorySeries($"{p.Name}, shared memory (RssShmem)"), Read: (Func<double?>)(() => ResidentMemory.MiB(p.Pid, ResidentMemory.SharedMemory))),
        }).ToList();
        // The heap left after the last collection; it also holds older garbage until a full collection runs.
        var heaps = new List<(MemorySeries Series, Func<Task<double>> Read)>
        {
            (new MemorySeries("gateway, GC heap after collection"), pipeline.Gateway.ReadHeapAfterLastCollectionMiBAsync),
            (new MemorySeries("recommender, GC heap after collection"), pipeline.Recommender.ReadHeapAfterLastCollectionMiBAsync),
        };
        foreach (var (worker, i) in pipeline.Workers.Select((w, i) => (w, i)))
        {
            heaps.Add((new MemorySeries($"taste-worker-{i + 1}, GC heap after collection"), worker.ReadHeapAfterLastCollectionMiBAsync));
        }
        // Memory the GC holds committed (its heap plus free regions it keeps for later): private memory beyond it is native.
        const string Committed = "dotnet_gc_last_collection_memory_committed_size_bytes";
        heaps.Add((new MemorySeries("gateway, GC committed"), async () => await pipeline.Gateway.ReadMetricSumAsync(Committed) / (1024.0 * 1024.0)));
        heaps.Add((new MemorySeries("recommender, GC committed"), async () => await pipeline.Recommender.ReadMetricSumAsync(Committed) / (1024.0 * 1024.0)));
        foreach (var (worker, i) in pipeline.Workers.Select((w, i) => (w, i)))
        {
            heaps.Add((new MemorySeries($"taste-worker-{i + 1}, GC committed"), async () => await worker.ReadCounterAsync(Committed) / (1024.0 * 1024.0)));
        }

        var tracks = pipeline.Catalog.Snapshot.Tracks.Select(t => t.Id).ToArray();
        var users = Enumerable.Range(0, groups)
            .Select(g => Enumerable.Range(0, usersPerGroup).Select(u => $"soak-g{g}-u{u}").ToArray()).ToArray();
        var ledger = new EventLedger();
        var answers = new AnswerTally();
        var nextAnswers = new AnswerTally();
        using var client = new GatewayClient(pipeline.Gateway.BaseAddress, pipeline.ServiceToken, ledger, answers);
        using var askers = new NextTrackAsks(pipeline.Recommender.BaseAddress, pipeline.ServiceToken, nextAnswers);
        var clock = Stopwatch.StartNew();
        var end = TimeSpan.FromMinutes(minutes);
        var givenUp = 0;
        var listening = users[0];
        using var stopAsking = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var asking = askers.RunAsync(() => Volatile.Read(ref listening), asks, stopAsking.Token);
        var sampling = SampleAsync();
        for (var w = 0; clock.Elapsed < end; w++)
        {
            using var windowEnd = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            windowEnd.CancelAfter(Min(window, end - clock.Elapsed));
            Volatile.Write(ref listening, users[w % groups]);
            var plan = new EventPlan($"w{w}", users[w % groups], tracks, seed: w, repeatAfter: 20);
            givenUp += await new SteadyLoad(client, plan, rate, 20).RunAsync(windowEnd.Token);
            cancellationToken.ThrowIfCancellationRequested();
        }
        await stopAsking.CancelAsync();
        await asking;
        await sampling;
        await pipeline.WaitForCatchUpAsync(TimeSpan.FromSeconds(60));
        var expired = await InfoAsync(server, "stats", "expired_keys");

        var lastFive = Math.Max(0, minutes - 5);
        Console.WriteLine();
        Console.WriteLine($"| process | start MiB | end MiB | slope over minutes {lastFive:F0}-{minutes:F0}, MiB/min | < {TargetSlope} MiB/min |");
        Console.WriteLine("|---|---:|---:|---:|---|");
        var failed = 0;
        foreach (var series in processes.Select(p => p.Series).Append(usedMemory))
        {
            var slope = series.SlopeFrom(lastFive);
            var ok = slope < TargetSlope;
            failed += ok ? 0 : 1;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {series.Name} | {series.Samples[0].MiB:F1} | {series.Samples[^1].MiB:F1} | {slope:F2} | {(ok ? "met" : "MISSED")} |"));
        }
        Console.WriteLine();
        Console.WriteLine($"| what the RSS is made of (not targets) | start MiB | end MiB | slope over minutes {lastFive:F0}-{minutes:F0}, MiB/min |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var series in parts.Select(p => p.Series).Concat(heaps.Select(h => h.Series)).Where(s => s.Samples.Count > 0))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {series.Name} | {series.Samples[0].MiB:F1} | {series.Samples[^1].MiB:F1} | {series.SlopeFrom(lastFive):F2} |"));
        }
        Console.WriteLine();
        Console.WriteLine(ringFullAt is { } full
            ? string.Create(CultureInfo.InvariantCulture, $"dev broker log: every partition drops its oldest batches (5 MiB kept) from minute {full:F1}")
            : "dev broker log: not full by the end; the broker's growth includes its log");
        Console.WriteLine("RSS by minute, MiB (a leak keeps climbing; warm-up and the dev broker's ring flatten):");
        foreach (var series in processes.Select(p => p.Series).Append(usedMemory))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {series.Name,-20} {string.Join(" ", series.ByMinute().Select(m => m.ToString("F0", CultureInfo.InvariantCulture)))}"));
        }
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"events: {ledger.SentCount:N0} sent, {answers.Describe()}; {givenUp} batches given up; next asked at {asks}/s: {nextAnswers.Describe()}; Redis expired {expired:N0} keys during the run (per-user TTL {ttl.TotalSeconds:F0} s); {processes[0].Series.Samples.Count} samples every {sampleEvery.TotalSeconds:F0} s"));
        var nextAnswered = nextAnswers.Count(System.Net.HttpStatusCode.OK) > 0 && nextAnswers.Failures == 0 && nextAnswers.WithoutRetryAfter == 0;
        return failed == 0 && givenUp == 0 && expired > 0 && nextAnswered ? 0 : 1;

        async Task SampleAsync()
        {
            while (true)
            {
                var minute = clock.Elapsed.TotalMinutes;
                foreach (var (series, read) in processes.Concat(parts))
                {
                    series.Add(minute, read());
                }
                usedMemory.Add(minute, await InfoAsync(server, "memory", "used_memory") / (1024.0 * 1024.0));
                if (ringFullAt is null && ring.Dropping() == partitions)
                {
                    ringFullAt = minute;
                }
                foreach (var (series, read) in heaps)
                {
                    series.Add(minute, await read());
                }
                if (clock.Elapsed >= end)
                {
                    return;
                }
                await Task.Delay(Min(sampleEvery, end - clock.Elapsed + TimeSpan.FromMilliseconds(1)), cancellationToken);
            }
        }
    }

    private static async Task<double> InfoAsync(IServer server, string section, string field)
    {
        var info = (string?)await server.ExecuteAsync("INFO", section) ?? "";
        return Worker.RedisServerStats.Field(info, field);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
