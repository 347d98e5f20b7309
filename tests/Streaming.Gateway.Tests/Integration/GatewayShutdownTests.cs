using System.Net;
using Streaming.Gateway.Tests.Support;
using Streaming.TestInfrastructure;
using Streaming.TestInfrastructure.DevBroker;
using Streaming.TestInfrastructure.Processes;

namespace Streaming.Gateway.Tests.Integration;

/// <summary>
/// The gateway process after SIGTERM, with its producer in use: out within 10 s, exit code 0, no error or
/// exception logged, with the broker up and with every broker gone. Each test has a broker of its own.
/// </summary>
public sealed class GatewayShutdownTests
{
    private static readonly TimeSpan StopBound = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Sigterm_BrokerUp_ExitsWithin10sCleanly()
    {
        await using var broker = await DevBrokerFixture.StartPrivateAsync();
        await using var gateway = await StartPostingAsync(broker);

        AssertClean(await gateway.StopAsync(Patience));
    }

    [Fact]
    public async Task Sigterm_BrokerDown_ExitsWithin10sCleanly()
    {
        await using var broker = await DevBrokerFixture.StartPrivateAsync();
        await using var gateway = await StartPostingAsync(broker);
        await broker.Control.BrokerDownAsync(DevBrokerControlClient.AllBrokers);

        AssertClean(await gateway.StopAsync(Patience));
    }

    private static void AssertClean(StopOutcome stop)
    {
        Assert.True(stop.Exited, stop.Describe());
        Assert.True(stop.Elapsed < StopBound, stop.Describe());
        Assert.Equal(0, stop.ExitCode);
        Assert.True(stop.ErrorLines.Count == 0, stop.Describe());
    }

    /// <summary>A gateway process that has had one batch acknowledged by Kafka (its producer is connected and used).</summary>
    private static async Task<ServiceProcess> StartPostingAsync(DevBrokerFixture broker, [System.Runtime.CompilerServices.CallerMemberName] string test = "")
    {
        var topic = TestNames.Topic(test);
        await broker.CreateTopicAsync(topic, 2);
        var gateway = await ServiceProcess.StartAsync("gateway", ServiceDlls.Of(typeof(GatewayShutdownTests).Assembly, "Streaming.Gateway"),
            new Dictionary<string, string?>
            {
                ["ConnectionStrings__kafka"] = broker.BootstrapServers,
                ["Gateway__Topic"] = topic,
                ["Auth__SigningKey"] = TestAuth.Options.SigningKey,
                ["OTEL_SERVICE_NAME"] = "gateway-shutdown-test",
            });
        using var http = new HttpClient { BaseAddress = gateway.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = TestAuth.Service();
        using var response = await http.PostAsync("v1/events", TestEvents.Json(TestEvents.Batch(TestEvents.Event("alice"), TestEvents.Event("bob"))));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return gateway;
    }
}
