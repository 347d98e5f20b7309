using Streaming.TestInfrastructure.Redis;

namespace Streaming.Recommender.Tests.Support;

/// <summary>One redis-server and one recommender (its own key prefix) shared by the tests that do not stop Redis or swap the catalog.</summary>
[CollectionDefinition(Name)]
public sealed class RecommenderCollection : ICollectionFixture<SharedRecommender>
{
    public const string Name = "Recommender";
}

/// <summary>The same on a 3-node Redis Cluster.</summary>
[CollectionDefinition(Name)]
public sealed class RecommenderOnClusterCollection : ICollectionFixture<SharedRecommenderOnCluster>
{
    public const string Name = "Recommender on Redis Cluster";
}

/// <summary>The shared host over a Redis deployment; each test uses its own user ids.</summary>
public abstract class SharedRecommenderOn<TRedis> : IAsyncLifetime
    where TRedis : IRedisFixture, IAsyncLifetime, new()
{
    public TRedis Redis { get; } = new();

    internal RecommenderTestHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Redis.InitializeAsync();
        Host = await RecommenderTestHost.StartAsync(Redis, testName: "shared");
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Redis.DisposeAsync();
    }
}

public sealed class SharedRecommender : SharedRecommenderOn<RedisServerFixture>;

public sealed class SharedRecommenderOnCluster : SharedRecommenderOn<RedisClusterFixture>;
