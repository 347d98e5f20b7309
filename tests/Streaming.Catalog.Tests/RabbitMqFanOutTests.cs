using Microsoft.Extensions.DependencyInjection;
using Streaming.Catalog.Core;
using Streaming.Catalog.Core.Hosting;
using Streaming.Contracts.Catalog;
using Streaming.TestInfrastructure.RabbitMq;
using Streaming.TestInfrastructure.Redis;

namespace Streaming.Catalog.Tests;

/// <summary>Against a real RabbitMQ node and redis-server: one publish reaches every replica; a late replica reads Redis.</summary>
public class RabbitMqFanOutTests(RabbitMqServerFixture rabbit, RedisServerFixture redis)
    : IClassFixture<RabbitMqServerFixture>, IClassFixture<RedisServerFixture>
{
    [Fact]
    public async Task Publish_TwoReplicasOnRabbitMq_BothSwap_AndLateReplicaFindsCurrentInRedis()
    {
        var dir = TestSnapshots.TempDirectory();
        var store = new CatalogSnapshotStore(dir);
        store.Save(TestSnapshots.Create("20250101T000000000Z"));

        // Replicas without Redis stop polling once loaded: only the announcement can move them on.
        await using var first = await Replica.StartAsync(dir, rabbit.ConnectionString);
        await using var second = await Replica.StartAsync(dir, rabbit.ConnectionString);
        await first.WaitForVersionAsync("20250101T000000000Z");
        await second.WaitForVersionAsync("20250101T000000000Z");
        await WaitForBusReadyAsync(first);
        await WaitForBusReadyAsync(second);

        store.Save(TestSnapshots.Create("20250102T000000000Z", spaceId: "space-b"));
        await using var publisher = await Replica.StartAsync(TestSnapshots.TempDirectory(), rabbit.ConnectionString);
        await WaitForBusReadyAsync(publisher);
        await publisher.Services.GetRequiredService<ICatalogBus>().Publish(
            new CatalogVersionPublished("20250102T000000000Z", "space-b", 4, 3, CatalogSnapshotFiles.FileName("20250102T000000000Z"), DateTimeOffset.UtcNow));

        await first.WaitForVersionAsync("20250102T000000000Z");
        await second.WaitForVersionAsync("20250102T000000000Z");
        Assert.Equal("space-b", first.Holder.Required.SpaceId);
        Assert.Equal("space-b", second.Holder.Required.SpaceId);

        // A replica that starts after the announcement: Redis says which version is current, not "newest file".
        await redis.Database.StringSetAsync(CatalogRedisKeys.Current, "20250102T000000000Z");
        store.Save(TestSnapshots.Create("20250103T000000000Z"));
        await using var late = await Replica.StartAsync(dir, rabbit.ConnectionString, redis.ConnectionString);
        await late.WaitForVersionAsync("20250102T000000000Z");
        Assert.Equal("20250103T000000000Z", store.NewestVersion());
    }

    private static async Task WaitForBusReadyAsync(Replica replica)
    {
        var health = replica.Services.GetRequiredService<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckService>();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while ((await health.CheckHealthAsync(r => r.Tags.Contains("masstransit"), cts.Token)).Status != Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy)
        {
            await Task.Delay(100, cts.Token);
        }
    }
}
