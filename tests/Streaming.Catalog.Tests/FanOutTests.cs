using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Streaming.Catalog.Core;
using Streaming.Catalog.Core.Hosting;
using Streaming.Contracts.Catalog;
using Streaming.TestInfrastructure.Redis;

namespace Streaming.Catalog.Tests;

public class FanOutTests
{
    private static readonly CatalogVersionRegistry NoRedis = new(new ServiceCollection().BuildServiceProvider());

    [Fact]
    public async Task Publish_InMemoryHarness_EveryReplicaEndpointConsumesAndSwaps()
    {
        var dir = TestSnapshots.TempDirectory();
        var store = new CatalogSnapshotStore(dir);
        store.Save(TestSnapshots.Create("v1"));
        var holders = new[] { new CatalogSnapshotHolder(), new CatalogSnapshotHolder(), new CatalogSnapshotHolder() };
        var activators = holders.Select(h => new CatalogSnapshotActivator(store, h, NullLogger<CatalogSnapshotActivator>.Instance)).ToArray();

        await using var provider = new ServiceCollection()
            .AddMassTransitTestHarness(x => x.UsingInMemory((_, cfg) =>
            {
                // One temporary endpoint per replica, as CatalogBusTransport.ConfigureReplicaEndpoint does.
                for (var i = 0; i < activators.Length; i++)
                {
                    var activator = activators[i];
                    cfg.ReceiveEndpoint(new TemporaryEndpointDefinition($"replica-{i}"), KebabCaseEndpointNameFormatter.Instance,
                        e => e.Consumer(() => new CatalogVersionPublishedConsumer(activator, NoRedis, NullLogger<CatalogVersionPublishedConsumer>.Instance)));
                }
            }))
            .BuildServiceProvider(true);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();

        await harness.Bus.Publish(new CatalogVersionPublished("v1", "space-a", 4, 3, CatalogSnapshotFiles.FileName("v1"), DateTimeOffset.UtcNow));

        Assert.True(await harness.Consumed.Any<CatalogVersionPublished>());
        foreach (var holder in holders)
        {
            var snapshot = await holder.WhenLoadedAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
            Assert.Equal("v1", snapshot.Version);
        }
        // One publish, three separate deliveries (the harness's own lists de-duplicate by message id,
        // so the holders are the witnesses: each was swapped by its own endpoint's consumer).
        Assert.Single(harness.Published.Select<CatalogVersionPublished>());
    }

    [Fact]
    public async Task Consumer_FileNameThatIsAPath_RefusedAndNothingSwapped()
    {
        var dir = TestSnapshots.TempDirectory();
        var holder = new CatalogSnapshotHolder();
        var activator = new CatalogSnapshotActivator(new CatalogSnapshotStore(dir), holder, NullLogger<CatalogSnapshotActivator>.Instance);
        await using var provider = await StartOneReplicaAsync(activator, NoRedis);
        var harness = provider.GetRequiredService<ITestHarness>();

        await harness.Bus.Publish(new CatalogVersionPublished("v1", "s", 4, 3, "../../etc/passwd", DateTimeOffset.UtcNow));

        Assert.True(await harness.Consumed.Any<CatalogVersionPublished>(c => c.Exception is not null));
        Assert.Null(holder.Current);
    }

    [Fact]
    public async Task Consumer_AnnouncementOfAVersionRedisNoLongerHasCurrent_KeepsTheCurrentOne()
    {
        // An append (v2) and its rollback (back to v1) in quick succession: the append's announcement may arrive after
        // the rollback was swapped in here; Redis says v1 is current, so v2 must not come back.
        var dir = TestSnapshots.TempDirectory();
        var store = new CatalogSnapshotStore(dir);
        store.Save(TestSnapshots.Create("v1"));
        store.Save(TestSnapshots.Create("v2"));
        await using var redis = await RedisServerFixture.StartPrivateAsync();
        var registry = new CatalogVersionRegistry(new ServiceCollection().AddSingleton(redis.Connection).BuildServiceProvider());
        await registry.SetCurrentAsync("v1");
        var holder = new CatalogSnapshotHolder();
        var activator = new CatalogSnapshotActivator(store, holder, NullLogger<CatalogSnapshotActivator>.Instance);
        await activator.ActivateAsync("v1", "rolled back here");
        await using var provider = await StartOneReplicaAsync(activator, registry);
        var harness = provider.GetRequiredService<ITestHarness>();

        await harness.Bus.Publish(new CatalogVersionPublished("v2", "space-a", 4, 3, CatalogSnapshotFiles.FileName("v2"), DateTimeOffset.UtcNow));
        Assert.True(await harness.Consumed.Any<CatalogVersionPublished>(c => c.Context.Message.Version == "v2" && c.Exception is null));
        Assert.Equal("v1", holder.Current?.Version);

        // The announcement of what Redis has current is applied.
        await registry.SetCurrentAsync("v2");
        await harness.Bus.Publish(new CatalogVersionPublished("v2", "space-a", 4, 3, CatalogSnapshotFiles.FileName("v2"), DateTimeOffset.UtcNow));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (holder.Current?.Version != "v2" && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
        Assert.Equal("v2", holder.Current?.Version);
    }

    [Fact]
    public async Task AddCatalogSnapshots_NoBroker_LoadsNewestFileAndSwapsOnInMemoryAnnouncement()
    {
        var dir = TestSnapshots.TempDirectory();
        var store = new CatalogSnapshotStore(dir);
        store.Save(TestSnapshots.Create("20250101T000000000Z"));
        store.Save(TestSnapshots.Create("20250102T000000000Z"));
        await using var replica = await Replica.StartAsync(dir);
        await replica.WaitForVersionAsync("20250102T000000000Z");

        // A rollback announcement goes to an older version: the replica follows it.
        var bus = replica.Services.GetRequiredService<ICatalogBus>();
        await bus.Publish(new CatalogVersionPublished("20250101T000000000Z", "space-a", 4, 3, CatalogSnapshotFiles.FileName("20250101T000000000Z"), DateTimeOffset.UtcNow));
        await replica.WaitForVersionAsync("20250101T000000000Z");

        var health = await replica.Services.GetRequiredService<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckService>()
            .CheckHealthAsync(r => r.Tags.Contains("ready"));
        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, health.Entries["catalog"].Status);
    }

    [Fact]
    public async Task AddCatalogSnapshots_EmptyDirectory_NotReadyUntilASnapshotAppears()
    {
        var dir = TestSnapshots.TempDirectory();
        await using var replica = await Replica.StartAsync(dir);
        var health = replica.Services.GetRequiredService<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckService>();
        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy, (await health.CheckHealthAsync(r => r.Name == "catalog")).Status);

        new CatalogSnapshotStore(dir).Save(TestSnapshots.Create("v9"));
        await replica.WaitForVersionAsync("v9");
        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, (await health.CheckHealthAsync(r => r.Name == "catalog")).Status);
    }

    /// <summary>A started in-memory test harness with one replica's endpoint consuming announcements.</summary>
    private static async Task<ServiceProvider> StartOneReplicaAsync(CatalogSnapshotActivator activator, CatalogVersionRegistry registry)
    {
        var provider = new ServiceCollection()
            .AddMassTransitTestHarness(x => x.UsingInMemory((_, cfg) =>
                cfg.ReceiveEndpoint("catalog-test", e => e.Consumer(() => new CatalogVersionPublishedConsumer(activator, registry, NullLogger<CatalogVersionPublishedConsumer>.Instance)))))
            .BuildServiceProvider(true);
        await provider.GetRequiredService<ITestHarness>().Start();
        return provider;
    }
}
