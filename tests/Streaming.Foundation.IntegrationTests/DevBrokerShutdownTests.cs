using Confluent.Kafka;
using Streaming.TestInfrastructure;
using Streaming.TestInfrastructure.DevBroker;
using Streaming.TestInfrastructure.Processes;

namespace Streaming.Foundation.IntegrationTests;

/// <summary>
/// The dev broker after SIGTERM while a producer and a group consumer are connected to it: out within 10 s,
/// exit code 0, no error or exception logged from the signal on.
/// </summary>
public sealed class DevBrokerShutdownTests
{
    [Fact]
    public async Task Sigterm_ClientsConnected_ExitsWithin10sCleanly()
    {
        var dll = await DevBrokerLocator.FindOrBuildAsync();
        await using var process = ChildProcess.Start("dev broker", DotNetHost.Path,
            [dll, "--port", "0", "--control-port", "0", "--brokers", "3"], Path.GetDirectoryName(dll),
            new Dictionary<string, string?> { ["DOTNET_ENVIRONMENT"] = "Development", ["ASPNETCORE_ENVIRONMENT"] = "Development" });
        var ready = await process.WaitForOutputLineAsync(l => l.StartsWith(DevBrokerFixture.ReadyPrefix, StringComparison.Ordinal),
            TimeSpan.FromSeconds(60), "its READY line");
        var bootstrap = ready.Split(' ').Single(p => p.StartsWith("bootstrap=", StringComparison.Ordinal))["bootstrap=".Length..];

        var topic = TestNames.Topic();
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = bootstrap }).Build();
        await producer.ProduceAsync(topic, new Message<string, string> { Key = "k", Value = "v" });
        var consumerConfig = new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = TestNames.GroupId(),
            AutoOffsetReset = AutoOffsetReset.Earliest,
            GroupProtocol = GroupProtocol.Consumer,
        };
        using var consumer = new ConsumerBuilder<string, string>(consumerConfig).Build();
        consumer.Subscribe(topic);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (consumer.Consume(TimeSpan.FromMilliseconds(200)) is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "the consumer got nothing: " + process.DescribeOutput());
        }

        var stop = await process.StopAsync(TimeSpan.FromSeconds(60));

        Assert.True(stop.Exited, stop.Describe());
        Assert.True(stop.Elapsed < TimeSpan.FromSeconds(10), stop.Describe());
        Assert.Equal(0, stop.ExitCode);
        Assert.True(stop.ErrorLines.Count == 0, stop.Describe());
    }
}
