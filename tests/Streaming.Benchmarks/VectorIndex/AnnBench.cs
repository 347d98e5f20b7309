using System.Diagnostics;
using System.Globalization;
using Streaming.VectorIndex;

namespace Streaming.Benchmarks.VectorIndex;

/// <summary>
/// <c>ann</c>: builds HNSW over N clustered unit vectors and compares it with the exact scan on the same
/// queries in the same run: recall@k and per-query latency (mean, p50, p99) of both, and the speed-up.
/// </summary>
public sealed class AnnBench : IBench
{
    public string Name => "ann";

    public string Description =>
        "HNSW vs exact scan: build time, recall@k, query latency, speed-up. --n 1000000 --dims 64 --queries 1000 --m 24 --ef-construction 100 --ef-search 16,32,64,128,256 --latent 0";

    public Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var options = new BenchArgs(args);
        var n = options.Int("n", 1_000_000);
        var dims = options.Int("dims", 64);
        var queryCount = options.Int("queries", 1000);
        var k = options.Int("k", 10);
        var seed = options.Int("seed", 42);
        var clusters = options.Int("clusters", Math.Max(1, (int)Math.Sqrt(n)));
        var spread = (float)options.Double("spread", 0.5);
        var latent = options.Int("latent", 0);
        var defaults = new HnswOptions();
        var hnswOptions = new HnswOptions
        {
            M = options.Int("m", defaults.M),
            EfConstruction = options.Int("ef-construction", defaults.EfConstruction),
            EfSearch = options.Int("ef-search-default", defaults.EfSearch),
            Seed = seed,
            MaxDegreeOfParallelism = options.Int("threads", -1),
        };
        var efValues = options.String("ef-search", string.Join(',', new[] { 16, 32, 64, 128, 256 }))
            .Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(v => int.Parse(v, CultureInfo.InvariantCulture))
            .ToArray();

        Console.WriteLine($"ann: {n:N0} x {dims} unit vectors, {clusters} gaussian clusters (spread {spread}, latent {(latent == 0 ? "isotropic" : latent)}), seed {seed}; {queryCount} held-out queries, k = {k}");
        Console.WriteLine($"     {Environment.ProcessorCount} cores, {(Vector256IsHardwareAccelerated() ? "AVX2" : "no AVX2")}, server GC {System.Runtime.GCSettings.IsServerGC}");

        var clock = Stopwatch.StartNew();
        var generator = new SyntheticVectors(dims, clusters, seed, spread, latent);
        var vectors = generator.Sample(n, seed + 1);
        var queries = generator.Sample(queryCount, seed + 2);
        Console.WriteLine($"data:  generated in {clock.Elapsed.TotalSeconds:F1} s ({vectors.Data.Length * 4L / (1 << 20):N0} MiB of vectors)");

        clock.Restart();
        var cpuBefore = Environment.CpuUsage.TotalTime;
        var lastReport = TimeSpan.Zero;
        var progress = new Progress<int>(inserted =>
        {
            if (clock.Elapsed - lastReport >= TimeSpan.FromSeconds(15))
            {
                lastReport = clock.Elapsed;
                Console.WriteLine($"       ... {inserted:N0} inserted after {clock.Elapsed.TotalSeconds:F0} s");
            }
        });
        var hnsw = HnswIndex.Build(vectors, hnswOptions, progress, cancellationToken);
        var buildSeconds = clock.Elapsed.TotalSeconds;
        var buildCpuSeconds = (Environment.CpuUsage.TotalTime - cpuBefore).TotalSeconds;
        var graphBytes = GraphSize(hnsw);
        Console.WriteLine(
            $"build: HNSW M={hnswOptions.M} efConstruction={hnswOptions.EfConstruction} threads={(hnswOptions.MaxDegreeOfParallelism == -1 ? Environment.ProcessorCount : hnswOptions.MaxDegreeOfParallelism)} " +
            $"in {buildSeconds:F1} s wall, {buildCpuSeconds:F1} s CPU ({n / buildSeconds:N0} vectors/s), {hnsw.MaxLevel + 1} layers, graph {graphBytes / (1 << 20):N0} MiB");

        var exact = new ExactIndex(vectors);
        var truth = new Neighbor[queryCount][];
        var exactTimes = Measure(queryCount, q =>
        {
            truth[q] = new Neighbor[k];
            exact.Search(queries.Row(q), k, truth[q]);
        }, warmup: Math.Min(5, queryCount));
        cancellationToken.ThrowIfCancellationRequested();

        Console.WriteLine();
        Console.WriteLine($"{"index",-18}{"recall@" + k,10}{"mean µs",12}{"p50 µs",12}{"p99 µs",12}{"x mean",10}{"x p50",10}");
        Console.WriteLine($"{"exact scan",-18}{1.0,10:F4}{exactTimes.Mean,12:F1}{exactTimes.P50,12:F1}{exactTimes.P99,12:F1}{1.0,10:F1}{1.0,10:F1}");
        var results = new Neighbor[k];
        var variants = new[] { ("hnsw", hnsw.WithQuantizedSearch(false)), ("hnsw int8", hnsw.WithQuantizedSearch(true)) };
        foreach (var ef in efValues)
        {
            foreach (var (name, index) in variants)
            {
                if (name != "hnsw" && !index.IsQuantized)
                {
                    continue;
                }

                var times = Measure(queryCount, q => index.Search(queries.Row(q), k, results, null, ef), warmup: Math.Min(50, queryCount));
                var recall = 0.0;
                for (var q = 0; q < queryCount; q++)
                {
                    var found = index.Search(queries.Row(q), k, results, null, ef);
                    recall += Recall(truth[q], results.AsSpan(0, found));
                }

                Console.WriteLine($"{name + " ef=" + ef,-18}{recall / queryCount,10:F4}{times.Mean,12:F1}{times.P50,12:F1}{times.P99,12:F1}{exactTimes.Mean / times.Mean,10:F1}{exactTimes.P50 / times.P50,10:F1}");
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        Console.WriteLine();
        Console.WriteLine("Single-threaded queries, each timed alone; recall = share of the exact top-k ids found;");
        Console.WriteLine("hnsw int8 = the walk on 8-bit codes, final candidates re-scored on the floats (the default where AVX2 runs);");
        Console.WriteLine("x mean / x p50 = exact-scan time over HNSW time (p50 is the robust one on a shared machine).");
        return Task.FromResult(0);
    }

    private static bool Vector256IsHardwareAccelerated() => System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated;

    private static double Recall(ReadOnlySpan<Neighbor> truth, ReadOnlySpan<Neighbor> found)
    {
        var hits = 0;
        foreach (var t in truth)
        {
            foreach (var f in found)
            {
                if (f.Id == t.Id)
                {
                    hits++;
                    break;
                }
            }
        }

        return truth.Length == 0 ? 1.0 : hits / (double)truth.Length;
    }

    private static long GraphSize(HnswIndex index)
    {
        using var counter = new CountingStream();
        index.Save(counter);
        return counter.Length;
    }

    private static Latency Measure(int count, Action<int> run, int warmup)
    {
        for (var q = 0; q < warmup; q++)
        {
            run(q);
        }

        var micros = new double[count];
        for (var q = 0; q < count; q++)
        {
            var start = Stopwatch.GetTimestamp();
            run(q);
            micros[q] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }

        Array.Sort(micros);
        return new Latency(micros.Average(), Percentile(micros, 0.50), Percentile(micros, 0.99));
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private readonly record struct Latency(double Mean, double P50, double P99);
}
