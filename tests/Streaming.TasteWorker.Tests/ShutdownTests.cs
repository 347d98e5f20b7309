using Streaming.FaultHarness;
using Streaming.TasteStore;
using Streaming.TestInfrastructure.DevBroker;
using Streaming.TestInfrastructure.Redis;
using Streaming.TestInfrastructure;

namespace Streaming.TasteWorker.Tests;

/// <summary>
/// SIGTERM with the broker up and with every broker gone: the worker exits within 10 s with code 0 and logs no
/// error or exception. With the broker gone the final commit cannot happen; nothing applied is lost, because the
/// next owner re-reads from the last commit and the per-user watermark skips what was applied (the other tests
/// of this assembly prove that part).
/// </summary>
[Collection(WorkerCollection.Name)]
public sealed class ShutdownTests(RedisServerFixture redis) : IDisposable
{
    private static readonly TimeSpan StopBound = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly TestCatalog _catalog = new();

    public void Dispose() => _catalog.Dispose();

    [Fact]
    public async Task Sigterm_BrokerUp_ExitsWithin10sCleanly()
    {
        await using var broker = await DevBrokerFixture.StartPrivateAsync();
        await using var worker = await StartApplyingAsync(broker);

        var stop = await worker.StopAsync(Patience);

        AssertClean(stop);
        Assert.Contains("consumer closed: True", stop.Output);
    }

    [Fact]
    public async Task Sigterm_BrokerDown_ExitsWithin10sCleanly()
    {
        await using var broker = await DevBrokerFixture.StartPrivateAsync();
        await using var worker = await StartApplyingAsync(broker);
        await broker.Control.BrokerDownAsync(DevBrokerControlClient.AllBrokers);

        var stop = await worker.StopAsync(Patience);

        AssertClean(stop);
    }

    private static void AssertClean(TestInfrastructure.Processes.StopOutcome stop)
    {
        Assert.True(stop.Exited, stop.Describe());
        Assert.True(stop.Elapsed < StopBound, stop.Describe());
        Assert.Equal(0, stop.ExitCode);
        Assert.True(stop.ErrorLines.Count == 0, stop.Describe());
    }

    /// <summary>A worker that has applied at least one record of its own topic (so its consumer is in the group and writing).</summary>
    private async Task<WorkerProcess> StartApplyingAsync(DevBrokerFixture broker, [System.Runtime.CompilerServices.CallerMemberName] string test = "")
    {
        var topic = TestNames.Topic(test);
        await broker.CreateTopicAsync(topic, 4);
        await broker.CreateTopicAsync(topic + ".dlq", 1);
        var settings = new WorkerSettings(broker.BootstrapServers, redis.ConnectionString, _catalog.Directory,
            TestNames.KeyPrefix(test), topic, topic + ".dlq", TestNames.GroupId(test));
        var stream = GeneratedStream.Create(_catalog, users: 5, sessionsPerUser: 1, seed: 8, idPrefix: "stop");
        await KafkaHelper.ProduceAsync(broker, topic, stream.Records);
        var worker = WorkerProcess.Start(settings);
        var store = new TasteStore.TasteStore(redis.Connection, new TasteStoreOptions { KeyPrefix = settings.KeyPrefix });
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!await AnyWrittenAsync(store, stream))
        {
            Assert.True(DateTime.UtcNow < deadline, "the worker never wrote: " + worker.DescribeOutput());
            await Task.Delay(50);
        }
        return worker;
    }

    private static async Task<bool> AnyWrittenAsync(TasteStore.TasteStore store, GeneratedStream stream)
    {
        foreach (var user in stream.Users)
        {
            if (!(await store.ReadUserContextAsync(user)).IsEmpty)
            {
                return true;
            }
        }
        return false;
    }
}
