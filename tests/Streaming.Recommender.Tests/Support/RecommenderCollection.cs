using Streaming.TestInfrastructure.Redis;

namespace Streaming.Recommender.Tests.Support;

/// <summary>One redis-server and one recommender (its own key prefix) shared by the tests that do not stop Redis or swap the catalog.</summary>
[CollectionDefinition(Name)]
public sealed class RecommenderCollection : ICollectionFixture<SharedRecommender>
{
    public const string Name = "Recommender";
}

/// <summary>The shared host; each test uses its own user ids.</summary>
public sealed class SharedRecommender : IAsyncLifetime
{
    public RedisServerFixture Redis { get; } = new();

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
