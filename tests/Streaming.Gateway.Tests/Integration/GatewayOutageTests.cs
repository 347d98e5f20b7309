using System.Net;
using System.Text.Json;
using Streaming.Contracts.Wire;
using Streaming.Gateway.Tests.Support;
using Streaming.TestInfrastructure.DevBroker;

namespace Streaming.Gateway.Tests.Integration;

[Collection(GatewayOutageCollection.Name)]
public sealed class GatewayOutageTests(DevBrokerFixture broker)
{
    private static readonly TimeSpan RecoveryDeadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task PostEvents_BrokerDown_503WithRetryAfterThenAcceptedAgainAfterBrokerUp()
    {
        var topic = await broker.CreateTopicAsync(partitions: 4);
        await using var gateway = GatewayTestHost.Start(broker, topic, new Dictionary<string, string?>
        {
            // A short message timeout keeps the test quick; the 503 comes when it expires.
            ["Kafka:Producer:MessageTimeoutMs"] = "2000",
            ["Gateway:RetryAfterSeconds"] = "3",
        });
        using var client = gateway.Client(TestAuth.Service());
        using (var before = await client.PostAsync("/v1/events", TestEvents.Json(TestEvents.Batch(TestEvents.Event("alice", "before")))))
        {
            Assert.Equal(HttpStatusCode.Accepted, before.StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, await PollReadinessAsync(client, HttpStatusCode.OK));

        HttpResponseMessage duringOutage;
        HttpStatusCode readinessDuringOutage;
        await broker.Control.BrokerDownAsync();
        try
        {
            duringOutage = await client.PostAsync("/v1/events", TestEvents.Json(TestEvents.Batch(
                TestEvents.Event("alice", "down-1"), TestEvents.Event("alice").With("kind", "nope"), TestEvents.Event("bob", "down-2"))));
            readinessDuringOutage = await PollReadinessAsync(client, HttpStatusCode.ServiceUnavailable);
        }
        finally
        {
            await broker.Control.BrokerUpAsync();
        }

        using (duringOutage)
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, duringOutage.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(3), duringOutage.Headers.RetryAfter?.Delta);
            var body = JsonDocument.Parse(await duringOutage.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(0, body.GetProperty("accepted").GetInt32());
            Assert.Equal([0, 2], body.GetProperty("notStored").EnumerateArray().Select(e => e.GetInt32()));
            Assert.Equal([1], body.GetProperty("rejected").EnumerateArray().Select(e => e.GetProperty("index").GetInt32()));
        }
        Assert.Equal(HttpStatusCode.ServiceUnavailable, readinessDuringOutage);

        // The client's retry: the same events (same ids) until the broker is back.
        var until = DateTime.UtcNow + RecoveryDeadline;
        HttpStatusCode status;
        do
        {
            using var retry = await client.PostAsync("/v1/events", TestEvents.Json(TestEvents.Batch(
                TestEvents.Event("alice", "down-1"), TestEvents.Event("bob", "down-2"))));
            status = retry.StatusCode;
        }
        while (status == HttpStatusCode.ServiceUnavailable && DateTime.UtcNow < until);

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal(HttpStatusCode.OK, await PollReadinessAsync(client, HttpStatusCode.OK));
        var stored = ReadEventIds(topic);
        Assert.Contains("before", stored);
        Assert.Contains("down-1", stored);
        Assert.Contains("down-2", stored);
    }

    private HashSet<string> ReadEventIds(string topic)
    {
        // Retries may store an event more than once (the worker de-duplicates by id); count what is there.
        using var admin = new Confluent.Kafka.AdminClientBuilder(new Confluent.Kafka.AdminClientConfig { BootstrapServers = broker.BootstrapServers }).Build();
        using var consumer = new Confluent.Kafka.ConsumerBuilder<string, byte[]>(
            broker.CreateConsumerConfig(Streaming.TestInfrastructure.TestNames.GroupId())).Build();
        var deadline = TimeSpan.FromSeconds(30);
        var partitions = KafkaRetry.Until(() => admin.GetMetadata(topic, TimeSpan.FromSeconds(10)), deadline).Topics.Single().Partitions
            .Select(p => new Confluent.Kafka.TopicPartition(topic, p.PartitionId)).ToList();
        var total = partitions.Sum(p => KafkaRetry.Until(() => consumer.QueryWatermarkOffsets(p, TimeSpan.FromSeconds(10)), deadline).High.Value);
        return TopicReader.ReadExactly(broker, topic, (int)total)
            .Select(r => ((ListeningRecord.Event)ListeningRecordSerializer.Deserialize(r.Message.Value)).Value.EventId)
            .ToHashSet();
    }

    private static async Task<HttpStatusCode> ReadinessAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/health/ready");
        return response.StatusCode;
    }

    /// <summary>Readiness is cached for a few seconds by the Kafka check; wait for it to reach <paramref name="wanted"/>.</summary>
    private static async Task<HttpStatusCode> PollReadinessAsync(HttpClient client, HttpStatusCode wanted)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        HttpStatusCode status;
        while ((status = await ReadinessAsync(client)) != wanted && DateTime.UtcNow < until)
        {
            await Task.Delay(250);
        }
        return status;
    }
}
