using Microsoft.Extensions.DependencyInjection;
using Streaming.Catalog.Core.Hosting;
using Streaming.TestInfrastructure.Redis;

namespace Streaming.Catalog.Tests;

/// <summary>Runs on one Redis server and on a 3-node Redis Cluster, each test on its own (the current-version key is global).</summary>
public abstract class CatalogVersionRegistryTests
{
    protected abstract Task<IRedisFixture> StartRedisAsync();

    [Fact]
    public async Task TrySetCurrent_BaseStillCurrentOrNothingRecorded_Sets()
    {
        var redis = await StartRedisAsync();
        await using var lifetime = (IAsyncDisposable)redis;
        var registry = Registry(redis);

        Assert.True(await registry.TrySetCurrentAsync("20250101T000000000Z", "20250102T000000000Z"));
        Assert.True(await registry.TrySetCurrentAsync("20250102T000000000Z", "20250103T000000000Z"));

        Assert.Equal("20250103T000000000Z", await registry.GetCurrentAsync());
    }

    [Fact]
    public async Task TrySetCurrent_AnotherVersionPublishedMeanwhile_FalseAndKeepsIt()
    {
        var redis = await StartRedisAsync();
        await using var lifetime = (IAsyncDisposable)redis;
        var registry = Registry(redis);
        await registry.SetCurrentAsync("20250105T000000000Z");

        Assert.False(await registry.TrySetCurrentAsync("20250101T000000000Z", "20250106T000000000Z"));

        Assert.Equal("20250105T000000000Z", await registry.GetCurrentAsync());
    }

    private static CatalogVersionRegistry Registry(IRedisFixture redis) =>
        new(new ServiceCollection().AddSingleton(redis.Connection).BuildServiceProvider());
}

public sealed class CatalogVersionRegistryOnServerTests : CatalogVersionRegistryTests
{
    protected override async Task<IRedisFixture> StartRedisAsync() => await RedisServerFixture.StartPrivateAsync();
}

public sealed class CatalogVersionRegistryOnClusterTests : CatalogVersionRegistryTests
{
    protected override async Task<IRedisFixture> StartRedisAsync() => await RedisClusterFixture.StartPrivateAsync();
}
