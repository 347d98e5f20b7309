using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using Streaming.Catalog.Core;
using Streaming.Recommender.Api;
using Streaming.Recommender.Index;
using Streaming.TasteStore;
using Streaming.TestInfrastructure;
using Streaming.TestInfrastructure.Redis;

namespace Streaming.Recommender.Tests.Support;

/// <summary>
/// The real recommender (its Program) on Kestrel at a free loopback port, on a real redis-server, with its
/// own key prefix and a snapshot directory holding the synthetic catalog. Writes go through
/// <see cref="Writer"/> (the TasteStore write API under the same prefix).
/// </summary>
internal sealed class RecommenderTestHost : WebApplicationFactory<Program>
{
    public const string FirstVersion = "20250101T000000000Z";

    private readonly Dictionary<string, string?> _settings;
    private ConnectionMultiplexer? _redis;

    private RecommenderTestHost(Dictionary<string, string?> settings, string snapshotDirectory, string keyPrefix)
    {
        _settings = settings;
        SnapshotDirectory = snapshotDirectory;
        KeyPrefix = keyPrefix;
        UseKestrel(0);
    }

    public string SnapshotDirectory { get; }

    public string KeyPrefix { get; }

    public TasteStore.TasteStore Store { get; private set; } = null!;

    public TasteWriter Writer { get; private set; } = null!;

    /// <summary>Starts the service on the synthetic catalog and waits until it is ready (snapshot and index loaded).</summary>
    public static async Task<RecommenderTestHost> StartAsync(IRedisFixture redis, IReadOnlyDictionary<string, string?>? overrides = null, string? testName = null)
    {
        var directory = Directory.CreateTempSubdirectory("streaming-recommender-snapshots-").FullName;
        CatalogSnapshotWriter.Write(SyntheticSnapshots.Create(FirstVersion), directory);
        var prefix = TestNames.KeyPrefix(testName ?? "recommender");
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:redis"] = redis.ConnectionString,
            ["TasteStore:KeyPrefix"] = prefix,
            ["Catalog:SnapshotDirectory"] = directory,
            ["Auth:SigningKey"] = TestAuth.Options.SigningKey,
            ["OTEL_SERVICE_NAME"] = "recommender-test",
            ["Recommender:TrendingRefreshInterval"] = "00:00:00.200",
            ["Recommender:Ranking:RecentExclusion"] = "20",
            // The default (no cap) is what the evaluation chose; the tests about the cap read it from here.
            ["Recommender:Ranking:MaxPerArtist"] = "2",
            // Shared CI machines stall for tens of ms: only the tests about degradation use a tight timeout.
            ["Recommender:RedisTimeout"] = "00:00:03",
            // Tests fire bursts (40 requests at once) on a 2-core CI machine: the service's own limit (3 per core) would
            // shed some of them. Shedding is tested on its own instance (LoadSheddingTests), with limits it sets.
            ["LoadShedding:MaxConcurrentRequests"] = "1000",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        var host = new RecommenderTestHost(settings, directory, prefix);
        host.StartServer();
        host._redis = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        host.Store = new TasteStore.TasteStore(host._redis, new TasteStoreOptions { KeyPrefix = prefix });
        var indexes = host.Services.GetRequiredService<TrackIndexHolder>();
        host.Writer = new TasteWriter(host.Store, () => indexes.Current?.Snapshot ?? throw new InvalidOperationException("No index yet."));
        await host.WaitUntilReadyAsync();
        return host;
    }

    public HttpClient Client(AuthenticationHeaderValue? authorization = null)
    {
        var client = CreateClient();
        client.Timeout = TimeSpan.FromSeconds(30);
        client.DefaultRequestHeaders.Authorization = authorization;
        return client;
    }

    public HttpClient ServiceClient() => Client(TestAuth.Service());

    public async Task<RecommendationsResponse> NextAsync(string userId, string query = "", HttpClient? client = null)
    {
        var http = client ?? ServiceClient();
        var response = await http.GetAsync($"/v1/users/{userId}/next{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync(RecommenderJsonContext.Default.RecommendationsResponse))!;
    }

    /// <summary>
    /// Polls until <paramref name="condition"/> holds (background caches refresh every 200 ms here) and returns the
    /// value that met it; throws with the last value when the deadline passes first.
    /// </summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> probe, Func<T, bool> condition, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(20);
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var value = await probe();
            if (condition(value))
            {
                return value;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The condition did not hold within {limit.TotalSeconds:0} s; last value: {Describe(value)}");
            }
            await Task.Delay(100);
        }
    }

    private static string Describe<T>(T value) => value switch
    {
        RecommendationsResponse r => $"strategy {r.Strategy}, degraded {r.Degraded}, {r.Tracks.Count} tracks, version {r.CatalogVersion}",
        _ => value?.ToString() ?? "null",
    };

    public async Task WaitUntilReadyAsync()
    {
        using var client = Client();
        await EventuallyAsync(async () => (await client.GetAsync("/health/ready")).StatusCode, s => s == HttpStatusCode.OK, TimeSpan.FromSeconds(60));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(_settings));
        builder.ConfigureLogging(logging => logging
            .AddFilter("Microsoft.AspNetCore", LogLevel.Warning)
            .AddFilter("MassTransit", LogLevel.Warning)
            .AddFilter("Streaming", LogLevel.Warning));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
        try
        {
            Directory.Delete(SnapshotDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
