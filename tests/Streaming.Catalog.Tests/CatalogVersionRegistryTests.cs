using Microsoft.Extensions.DependencyInjection;
using Streaming.Catalog.Core.Hosting;
using Streaming.TestInfrastructure.Redis;

namespace Streaming.Catalog.Tests;

public sealed class CatalogVersionRegistryTests
{
    [Fact]
    public async Task TrySetCurrent_BaseStillCurrentOrNothingRecorded_Sets()
    {
        await using var redis = await RedisServerFixture.StartPrivateAsync();
        var registry = Registry(redis);

        Assert.True(await registry.TrySetCurrentAsync("20250101T000000000Z", "20250102T000000000Z"));
        Assert.True(await registry.TrySetCurrentAsync("20250102T000000000Z", "20250103T000000000Z"));

        Assert.Equal("20250103T000000000Z", await registry.GetCurrentAsync());
    }

    [Fact]
    public async Task TrySetCurrent_AnotherVersionPublishedMeanwhile_FalseAndKeepsIt()
    {
        await using var redis = await RedisServerFixture.StartPrivateAsync();
        var registry = Registry(redis);
        await registry.SetCurrentAsync("20250105T000000000Z");

        Assert.False(await registry.TrySetCurrentAsync("20250101T000000000Z", "20250106T000000000Z"));

        Assert.Equal("20250105T000000000Z", await registry.GetCurrentAsync());
    }

    private static CatalogVersionRegistry Registry(RedisServerFixture redis) =>
        new(new ServiceCollection().AddSingleton(redis.Connection).BuildServiceProvider());
}
