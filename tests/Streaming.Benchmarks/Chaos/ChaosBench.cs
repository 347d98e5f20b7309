using System.Diagnostics;
using System.Globalization;
using Streaming.FaultHarness;
using Streaming.FaultHarness.Chaos;

namespace Streaming.Benchmarks.Chaos;

/// <summary>
/// <c>chaos</c>: the whole pipeline (gateway, dev broker with 3 brokers, two workers, redis-server with AOF,
/// recommender) under a steady stream through the gateway, each fault of <see cref="FaultCatalog"/> in turn, one
/// row per fault: sent, acknowledged, applied, lost, applied twice, recovery and the p99 freshness with n. The
/// baseline is the first row, the same stream without a fault. Then a second pipeline on a three-node Redis Cluster
/// for <see cref="FaultCatalog.OnCluster"/>. <c>--quick</c> is the CI form (ChaosQuickTests).
/// </summary>
public sealed class ChaosBench : IBench
{
    public string Name => "chaos";

    public string Description =>
        "the pipeline under each fault in turn (worker kill/term, rebalance, Redis kill, broker down, leader moves, request errors, poison, then a Redis Cluster node kill): lost, twice, recovery, p99 freshness vs the no-fault row. --quick --rate 400 --only TEXT";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var options = new BenchArgs(args);
        var chaos = options.Flag("quick") ? ChaosOptions.Quick : ChaosOptions.Full;
        chaos = chaos with
        {
            EventsPerSecond = options.Int("rate", chaos.EventsPerSecond),
            Hold = TimeSpan.FromSeconds(options.Double("hold", chaos.Hold.TotalSeconds)),
            After = TimeSpan.FromSeconds(options.Double("after", chaos.After.TotalSeconds)),
        };
        var only = options.Get("only");
        bool Selected(PipelineFault f) => only is null || f.Name.Contains(only, StringComparison.OrdinalIgnoreCase);
        var faults = FaultCatalog.All(chaos.Hold).Where(f => Selected(f) || f.Name.StartsWith("none", StringComparison.Ordinal)).ToArray();
        var clusterFaults = FaultCatalog.OnCluster(chaos.Hold).Where(Selected).ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"chaos: {Environment.ProcessorCount} cores; {chaos.EventsPerSecond} events/s in batches of {chaos.BatchSize}, a probe every {chaos.ProbeEvery.TotalMilliseconds:F0} ms; warm-up {chaos.Warmup.TotalSeconds:F0} s, hold {chaos.Hold.TotalSeconds:F0} s, {chaos.After.TotalSeconds:F0} s after; {faults.Length + clusterFaults.Length} rows"));
        var clock = Stopwatch.StartNew();
        var rows = new List<ChaosRow>();
        await RunRowsAsync(RedisTopology.Server, faults, chaos, clock, rows, cancellationToken);
        if (clusterFaults.Length > 0)
        {
            // One more pipeline, on a three-node Redis Cluster, for the cluster's rows: the table goes on below.
            await RunRowsAsync(RedisTopology.Cluster, clusterFaults, chaos, clock, rows, cancellationToken);
        }
        Console.WriteLine();
        Console.WriteLine("recovery: from the fault's end (a kill is its own end) to the first probe from which at most 1% are slower than max(250 ms, 3x the row's warm-up p99);");
        Console.WriteLine("p99 freshness: probes posted from the fault's start to the end of the stream, event posted -> applied in Redis, n beside it.");
        var failed = rows.Count(r => !r.Passed);
        Console.WriteLine(failed == 0
            ? $"every row: 0 lost, 0 applied twice, every event acknowledged ({clock.Elapsed.TotalMinutes:F1} min)"
            : $"{failed} row(s) FAILED");
        return failed == 0 ? 0 : 1;
    }

    private static async Task RunRowsAsync(RedisTopology redis, IReadOnlyList<PipelineFault> faults, ChaosOptions chaos, Stopwatch clock, List<ChaosRow> rows,
        CancellationToken cancellationToken)
    {
        var started = clock.Elapsed;
        await using var pipeline = await Pipeline.StartAsync(name: redis == RedisTopology.Cluster ? "chaos-cluster" : "chaos", redis: redis);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"pipeline on {(redis == RedisTopology.Cluster ? "a 3-node Redis Cluster " + pipeline.Redis.ConnectionString.Split(",abortConnect")[0] : "one redis-server")} ready in {(clock.Elapsed - started).TotalSeconds:F1} s (topic {pipeline.Settings.Topic}, {pipeline.Partitions} partitions, {pipeline.Workers.Count} workers)"));
        if (rows.Count == 0)
        {
            Console.WriteLine(ChaosTable.Header);
        }
        rows.AddRange(await new ChaosRun(pipeline, chaos).RunAllAsync(faults, row => Console.WriteLine(ChaosTable.Row(row)), cancellationToken));
    }
}
