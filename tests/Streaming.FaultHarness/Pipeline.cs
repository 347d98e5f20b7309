using System.Security.Cryptography;
using Streaming.Security;
using Streaming.TasteStore;
using Streaming.TestInfrastructure;
using Streaming.TestInfrastructure.DevBroker;
using Streaming.TestInfrastructure.Processes;
using Streaming.TestInfrastructure.Redis;

namespace Streaming.FaultHarness;

/// <summary>
/// The whole pipeline on free ports, every part a real process: redis-server with its append-only file (or a
/// three-node Redis Cluster, <see cref="RedisTopology.Cluster"/>), the dev broker with 3 brokers (replication 3), the
/// gateway, taste workers in one consumer group and the recommender. Faults act on its parts
/// (<see cref="Chaos.PipelineFault"/>); <see cref="DisposeAsync"/> stops them all.
/// </summary>
public sealed class Pipeline : IAsyncDisposable
{
    public const int DefaultPartitions = 8;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly List<WorkerProcess> _workers = [];
    private readonly string _signingKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private readonly IReadOnlyDictionary<string, string?> _environment;
    private readonly RedisServerFixture? _redisServer;
    private readonly RedisClusterFixture? _redisCluster;
    private ServiceProcess? _gateway;
    private ServiceProcess? _recommender;

    private Pipeline(IRedisFixture redis, DevBrokerFixture broker, TestCatalog catalog, WorkerSettings settings, int partitions, IReadOnlyDictionary<string, string?> environment)
    {
        _environment = environment;
        Redis = redis;
        _redisServer = redis as RedisServerFixture;
        _redisCluster = redis as RedisClusterFixture;
        Broker = broker;
        Catalog = catalog;
        Settings = settings;
        Partitions = partitions;
        Store = new TasteStore.TasteStore(redis.Connection, new TasteStoreOptions { KeyPrefix = settings.KeyPrefix });
        ServiceToken = new TokenMinter(new AuthOptions { SigningKey = _signingKey }).CreateServiceToken("chaos");
    }

    /// <summary>The Redis every service uses; <see cref="IRedisFixture.Connection"/> is cluster-aware on a cluster.</summary>
    public IRedisFixture Redis { get; }

    /// <summary>The one redis-server (<see cref="RedisTopology.Server"/>).</summary>
    public RedisServerFixture RedisServer => _redisServer ?? throw new InvalidOperationException("This pipeline runs on a Redis Cluster.");

    /// <summary>The three cluster nodes (<see cref="RedisTopology.Cluster"/>).</summary>
    public RedisClusterFixture RedisCluster => _redisCluster ?? throw new InvalidOperationException("This pipeline runs on one redis-server.");

    /// <summary>Partitions of the events topic.</summary>
    public int Partitions { get; }

    public DevBrokerFixture Broker { get; }

    public TestCatalog Catalog { get; }

    public WorkerSettings Settings { get; }

    public TasteStore.TasteStore Store { get; }

    /// <summary>A service token (posts any user's events, reads any user's next track).</summary>
    public string ServiceToken { get; }

    public ServiceProcess Gateway => _gateway ?? throw new InvalidOperationException("The gateway is not started.");

    public ServiceProcess Recommender => _recommender ?? throw new InvalidOperationException("The recommender is not started.");

    /// <summary>The group's members, oldest first.</summary>
    public IReadOnlyList<WorkerProcess> Workers => _workers;

    /// <summary>Starts every part and waits until each answers ready; <paramref name="workers"/> members share the topic.</summary>
    /// <param name="environment">More settings for every service (e.g. <c>TasteStore__UserTtl</c> for the soak).</param>
    /// <param name="partitions">Partitions of the events topic.</param>
    /// <param name="redis">One redis-server, or a Redis Cluster: every service then gets all its nodes in <c>ConnectionStrings__redis</c>.</param>
    public static async Task<Pipeline> StartAsync(int workers = 2, string name = "chaos", IReadOnlyDictionary<string, string?>? environment = null,
        int partitions = DefaultPartitions, RedisTopology redis = RedisTopology.Server)
    {
        IRedisFixture redisFixture = redis == RedisTopology.Cluster ? await RedisClusterFixture.StartDurableAsync() : await RedisServerFixture.StartDurableAsync();
        var broker = new ThreeBrokerDevBrokerFixture();
        var catalog = new TestCatalog();
        Pipeline? pipeline = null;
        try
        {
            await broker.InitializeAsync();
            var topic = TestNames.Topic(name);
            var settings = new WorkerSettings(broker.BootstrapServers, redisFixture.ConnectionString, catalog.Directory, TestNames.KeyPrefix(name), topic,
                topic + ".dlq", TestNames.GroupId(name));
            pipeline = new Pipeline(redisFixture, broker, catalog, settings, partitions, environment ?? new Dictionary<string, string?>());
            await broker.CreateTopicAsync(topic, partitions);
            await broker.CreateTopicAsync(settings.DeadLetterTopic, 2);
            pipeline._gateway = ServiceProcess.Launch("gateway", ServiceDlls.Of(typeof(Pipeline).Assembly, "Streaming.Gateway"), pipeline.GatewayEnvironment());
            pipeline._recommender = ServiceProcess.Launch("recommender", ServiceDlls.Of(typeof(Pipeline).Assembly, "Streaming.Recommender"), pipeline.RecommenderEnvironment());
            for (var i = 0; i < workers; i++)
            {
                pipeline._workers.Add(pipeline.StartWorker());
            }
            await Task.WhenAll([
                pipeline.Gateway.WaitForStatusAsync("health/ready", 200, StartTimeout),
                pipeline.Recommender.WaitForStatusAsync("health/ready", 200, StartTimeout),
                .. pipeline._workers.Select(WaitUntilAssignedAsync),
            ]);
            return pipeline;
        }
        catch
        {
            if (pipeline is not null)
            {
                await pipeline.DisposeAsync();
            }
            else
            {
                await broker.DisposeAsync();
                await DisposeRedisAsync(redisFixture);
                catalog.Dispose();
            }
            throw;
        }
    }

    /// <summary>Starts one more member of the group and waits until it owns partitions.</summary>
    public async Task<WorkerProcess> AddWorkerAsync()
    {
        var worker = StartWorker();
        _workers.Add(worker);
        await WaitUntilAssignedAsync(worker);
        return worker;
    }

    /// <summary>Forgets a member that was killed or stopped (its process is disposed).</summary>
    public async Task RemoveWorkerAsync(WorkerProcess worker)
    {
        _workers.Remove(worker);
        await worker.DisposeAsync();
    }

    /// <summary>Waits until the group has consumed and committed every record of the topic.</summary>
    public Task WaitForCatchUpAsync(TimeSpan timeout) =>
        ConsumerLag.WaitForCatchUpAsync(Settings.Bootstrap, Settings.Topic, Partitions, Settings.GroupId, timeout, DescribeOutput);

    /// <summary>Recent output of every part, for failure messages.</summary>
    public string DescribeOutput() => string.Join(Environment.NewLine, [
        _gateway?.Process.DescribeOutput() ?? "",
        .. _workers.Select(w => w.DescribeOutput()),
        _recommender?.Process.DescribeOutput() ?? "",
        Broker.DescribeOutput(),
    ]);

    public async ValueTask DisposeAsync()
    {
        foreach (var worker in _workers)
        {
            await worker.DisposeAsync();
        }
        _workers.Clear();
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }
        if (_recommender is not null)
        {
            await _recommender.DisposeAsync();
        }
        await Broker.DisposeAsync();
        await DisposeRedisAsync(Redis);
        Catalog.Dispose();
    }

    private static ValueTask DisposeRedisAsync(IRedisFixture redis) => ((IAsyncDisposable)redis).DisposeAsync();

    private WorkerProcess StartWorker() => WorkerProcess.Start(Settings, [.. _environment.Select(e => (e.Key, e.Value ?? ""))]);

    private static Task WaitUntilAssignedAsync(WorkerProcess worker) =>
        worker.WaitForLogAsync(l => l.Contains("Partitions assigned: ", StringComparison.Ordinal) && l.Contains('['), StartTimeout, "a non-empty assignment");

    private Dictionary<string, string?> GatewayEnvironment() => WithExtra(new()
    {
        ["ConnectionStrings__kafka"] = Settings.Bootstrap,
        ["Gateway__Topic"] = Settings.Topic,
        ["Auth__SigningKey"] = _signingKey,
        // One client (the harness) sends for every user: the per-client limit is not under test here.
        ["RateLimiting__Enabled"] = "false",
        ["OTEL_SERVICE_NAME"] = "gateway",
        ["Logging__LogLevel__Default"] = "Warning",
    });

    private Dictionary<string, string?> RecommenderEnvironment() => WithExtra(new()
    {
        ["ConnectionStrings__redis"] = Settings.Redis,
        ["TasteStore__KeyPrefix"] = Settings.KeyPrefix,
        ["Catalog__SnapshotDirectory"] = Settings.CatalogDirectory,
        ["Auth__SigningKey"] = _signingKey,
        ["RateLimiting__Enabled"] = "false",
        ["OTEL_SERVICE_NAME"] = "recommender",
        ["Logging__LogLevel__Default"] = "Warning",
    });

    private Dictionary<string, string?> WithExtra(Dictionary<string, string?> environment)
    {
        foreach (var (key, value) in _environment)
        {
            environment[key] = value;
        }
        return environment;
    }
}
