using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Streaming.Catalog.Core;
using Streaming.Security;
using Streaming.TasteStore;
using Streaming.TestInfrastructure.Redis;

namespace Streaming.Benchmarks.Recommender;

/// <summary>
/// <c>overload</c>: the recommender as deployed (per-client rate limits and load shedding on), asked for <c>next</c> by
/// many clients (one service token each, so no per-client limit is what sheds). Finds the maximum answered rate
/// (closed loop), then offers half of it and twice it (open loop) and compares the p99 of the answered requests, client
/// side, with n beside each. Baseline in the same run: the same service with load shedding off, at twice its maximum.
/// </summary>
public sealed class OverloadBench : IBench
{
    public string Name => "overload";

    public string Description =>
        "recommender next at 2x its max rate: p99 of admitted vs the half-load p99, shed with 503 (LoadShedding), against the same service without shedding. --tracks 50000 --users 20000 --duration 10 --clients 64";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var options = new BenchArgs(args);
        var trackCount = options.Int("tracks", 50_000);
        var dims = options.Int("dims", 64);
        var userCount = options.Int("users", 20_000);
        var seed = options.Int("seed", 42);
        var duration = TimeSpan.FromSeconds(options.Double("duration", 10));
        var warmup = TimeSpan.FromSeconds(options.Double("warmup", 15));
        var clientCount = options.Int("clients", 64);
        // e.g. --service-env LoadShedding__PermitsPerCore=2 (tuning); --no-baseline skips the run without shedding.
        var serviceEnvironment = options.Pairs("service-env");
        var levels = options.String("concurrency", "4,8,16,32").Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray();

        Console.WriteLine($"overload bench: {Environment.ProcessorCount} cores; redis-server, services and load generator share the machine");
        var clock = Stopwatch.StartNew();
        var model = Ranking.SyntheticRanker.ModelOf(await Ranking.SyntheticRanker.BuildAsync());
        var catalog = BenchCatalog.Generate(trackCount, dims, seed);
        var snapshot = BenchCatalog.Snapshot(catalog, "20250101T000000000Z",
            new Dictionary<string, byte[]> { [CatalogSnapshotAttachments.RankingModel] = model });
        var snapshots = Directory.CreateTempSubdirectory("streaming-overload-bench-").FullName;
        CatalogSnapshotWriter.Write(snapshot, snapshots);
        Console.WriteLine($"catalog: {snapshot.Count:N0} tracks x {dims} dims, written in {clock.Elapsed.TotalSeconds:F1} s");

        var redis = new RedisServerFixture();
        await redis.InitializeAsync();
        try
        {
            var prefix = "overload:" + Guid.NewGuid().ToString("N")[..8] + ":";
            var store = new TasteStore.TasteStore(redis.Connection, new TasteStoreOptions { KeyPrefix = prefix });
            var users = await BenchUsers.PopulateAsync(store, catalog, snapshot, userCount, 3, seed, cancellationToken);
            var auth = new AuthOptions { SigningKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) };
            var minter = new TokenMinter(auth);
            var tokens = Enumerable.Range(0, clientCount).Select(i => minter.CreateServiceToken($"player-edge-{i}")).ToArray();
            var paths = users.Select(u => $"/v1/users/{u.UserId}/next?count=10&at={Uri.EscapeDataString(u.LastPlay.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture))}").ToArray();
            string PathOf(int i) => paths[(int)((uint)(i * 2654435761u) % (uint)paths.Length)];
            string TokenOf(int i) => tokens[(int)((uint)i % (uint)tokens.Length)];

            var shedding = await MeasureAsync("shedding on", redis, prefix, snapshots, auth, true, serviceEnvironment, PathOf, TokenOf, levels, warmup, duration, cancellationToken);
            var unlimited = options.Flag("no-baseline") ? null
                : await MeasureAsync("shedding off", redis, prefix, snapshots, auth, false, serviceEnvironment, PathOf, TokenOf, levels, warmup, duration, cancellationToken);

            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"p99 of admitted at 2x / p99 at half load, shedding on  = {shedding.Ratio:F2}x  (target <= 2x: {(shedding.Ratio <= 2 ? "met" : "MISSED")}); shed {shedding.Over.Shed:N0} of {shedding.Over.Completed + shedding.Over.Shed + shedding.Over.Errors:N0} with 503 + Retry-After, counted by the service: {shedding.ShedMetric:N0}"));
            if (unlimited is not null)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"p99 of admitted at 2x / p99 at half load, shedding off = {unlimited.Ratio:F2}x  (baseline: the same service without the limiter; p99 capped at the histogram's 1 s)"));
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"machine load average during the run: {File.ReadAllText("/proc/loadavg").Split(' ')[0]} ({Environment.ProcessorCount} cores)"));
            return 0;
        }
        finally
        {
            await redis.DisposeAsync();
            try
            {
                Directory.Delete(snapshots, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task<Outcome> MeasureAsync(
        string label, RedisServerFixture redis, string prefix, string snapshots, AuthOptions auth, bool shed,
        IReadOnlyDictionary<string, string?> serviceEnvironment, Func<int, string> path, Func<int, string> token, int[] levels, TimeSpan warmup, TimeSpan duration, CancellationToken cancellationToken)
    {
        var environment = new Dictionary<string, string?>(serviceEnvironment)
        {
            ["RateLimiting__Enabled"] = "true",
            ["LoadShedding__Enabled"] = shed ? "true" : "false",
        };
        await using var service = RecommenderProcess.Start(redis.ConnectionString, prefix, snapshots, auth.SigningKey, environment);
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024, UseProxy = false, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = service.Address,
            Timeout = TimeSpan.FromSeconds(10),
        };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token(0));
        await service.WaitUntilReadyAsync(client, TimeSpan.FromMinutes(10), cancellationToken);
        var load = new LoadGenerator(client, path, service.CpuTime, token);

        await load.ClosedLoopAsync(levels[0], warmup, TimeSpan.FromSeconds(1), new ClientHistogram(), cancellationToken);
        var best = LoadResult.None;
        foreach (var level in levels)
        {
            var histogram = new ClientHistogram();
            var result = await load.ClosedLoopAsync(level, TimeSpan.FromSeconds(1), duration / 2, histogram, cancellationToken);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{label}: closed loop c={level,-3} {result.RequestsPerSecond,8:N0} answered/s, shed {result.Shed:N0}, errors {result.Errors:N0}, client p99 {histogram.Quantile(0.99):F2} ms"));
            if (result.RequestsPerSecond > best.RequestsPerSecond)
            {
                best = result;
            }
        }
        var max = best.RequestsPerSecond;
        var half = new ClientHistogram();
        var halfResult = await load.OpenLoopAsync(max / 2, duration, 4096, half, cancellationToken);
        Print(label, "half", max / 2, halfResult, half);
        var over = new ClientHistogram();
        var overResult = await load.OpenLoopAsync(max * 2, duration, 4096, over, cancellationToken);
        Print(label, "2x", max * 2, overResult, over);
        var shedMetric = await service.SumAsync(client, "streaming_http_shed_total", "");
        return new Outcome(overResult, over.Quantile(0.99) / Math.Max(0.001, half.Quantile(0.99)), shedMetric);
    }

    private static void Print(string label, string phase, double offered, LoadResult result, ClientHistogram histogram) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label}: open loop {phase,-4} offered {offered,8:N0}/s -> answered {result.RequestsPerSecond,8:N0}/s, shed {result.Shed:N0}, errors {result.Errors:N0}, not sent {result.Dropped:N0}; admitted client p50 {histogram.Quantile(0.5):F2} ms p99 {histogram.Quantile(0.99):F2} ms (n {result.Completed:N0})"));

    private sealed record Outcome(LoadResult Over, double Ratio, double ShedMetric);
}
