using Streaming.Catalog.Core.Hosting;
using Streaming.TestInfrastructure.Processes;
using Streaming.TestInfrastructure.RabbitMq;
using Streaming.TestInfrastructure.Redis;

namespace Streaming.Catalog.Tests;

/// <summary>
/// The catalog service process after SIGTERM, having served: out within 10 s, exit code 0, no error or exception
/// logged from the signal on, with Redis and RabbitMQ up and with both killed. Servers of its own per test.
/// </summary>
public sealed class CatalogShutdownTests
{
    private static readonly TimeSpan StopBound = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Sigterm_RedisAndRabbitMqUp_ExitsWithin10sCleanly()
    {
        await using var redis = await RedisServerFixture.StartPrivateAsync();
        await using var rabbit = await RabbitMqServerFixture.StartPrivateAsync();
        await using var catalog = await StartServingAsync(redis, rabbit);

        AssertClean(await catalog.StopAsync(Patience));
    }

    [Fact]
    public async Task Sigterm_RedisAndRabbitMqDown_ExitsWithin10sCleanly()
    {
        await using var redis = await RedisServerFixture.StartPrivateAsync();
        await using var rabbit = await RabbitMqServerFixture.StartPrivateAsync();
        await using var catalog = await StartServingAsync(redis, rabbit);
        await rabbit.KillAsync();
        // The outage is staged before the signal: its errors are not the stop's.
        await catalog.Process.WaitForOutputLineAsync(BusLifecycleLines.IsRetryingUnreachableBroker, Patience, "the catalog bus retrying its lost RabbitMQ connection");
        await redis.StopAsync();

        AssertClean(await catalog.StopAsync(Patience));
    }

    private static void AssertClean(StopOutcome stop)
    {
        Assert.True(stop.Exited, stop.Describe());
        Assert.True(stop.Elapsed < StopBound, stop.Describe());
        Assert.Equal(0, stop.ExitCode);
        Assert.True(stop.ErrorLines.Count == 0, stop.Describe());
    }

    /// <summary>A ready catalog process (snapshot loaded, bus started) that has answered one track lookup.</summary>
    private static async Task<ServiceProcess> StartServingAsync(RedisServerFixture redis, RabbitMqServerFixture rabbit)
    {
        var directory = TestSnapshots.TempDirectory();
        new CatalogSnapshotStore(directory).Save(TestSnapshots.Create("20250101T000000000Z"));
        var catalog = await ServiceProcess.StartAsync("catalog", ServiceDlls.Of(typeof(CatalogShutdownTests).Assembly, "Streaming.Catalog"),
            new Dictionary<string, string?>
            {
                ["ConnectionStrings__redis"] = redis.ConnectionString,
                ["ConnectionStrings__rabbitmq"] = rabbit.ConnectionString,
                ["Catalog__SnapshotDirectory"] = directory,
                ["Auth__SigningKey"] = TestAuth.Options.SigningKey,
                ["OTEL_SERVICE_NAME"] = "catalog-shutdown-test",
                [BusLifecycleLines.LogLevelVariable] = BusLifecycleLines.LogLevel,
            }, readyPath: "health/ready");
        using var http = new HttpClient { BaseAddress = catalog.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        using var response = await http.GetAsync($"v1/tracks/{TestSnapshots.Ids[0]}");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        // Readiness does not wait for the bus: an outage staged before its start completes would log the cut start after the signal.
        await catalog.Process.WaitForOutputLineAsync(BusLifecycleLines.IsStarted, Patience, "the catalog bus started");
        return catalog;
    }
}
