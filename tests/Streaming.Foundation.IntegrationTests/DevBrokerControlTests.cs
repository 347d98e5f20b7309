using Confluent.Kafka;
using Streaming.TestInfrastructure;
using Streaming.TestInfrastructure.DevBroker;

namespace Streaming.Foundation.IntegrationTests;

[Collection(FoundationCollection.Name)]
public sealed class DevBrokerControlTests(DevBrokerFixture broker, ThreeBrokerDevBrokerFixture cluster)
    : IClassFixture<ThreeBrokerDevBrokerFixture>
{
    [Fact]
    public async Task PushRequestErrorsAsync_ProduceRejected_ProducerSeesInjectedError()
    {
        var topic = await broker.CreateTopicAsync();
        using var producer = new ProducerBuilder<string, string>(broker.CreateProducerConfig()).Build();
        await producer.ProduceAsync(topic, new Message<string, string> { Key = "k", Value = "warm-up" });

        ProduceException<string, string> failure;
        await broker.Control.PushRequestErrorsAsync(KafkaApiKey.Produce, ErrorCode.TopicAuthorizationFailed);
        try
        {
            failure = await Assert.ThrowsAsync<ProduceException<string, string>>(() =>
                producer.ProduceAsync(topic, new Message<string, string> { Key = "k", Value = "rejected" }));
        }
        finally
        {
            await broker.Control.ClearRequestErrorsAsync(KafkaApiKey.Produce);
        }

        Assert.Equal(ErrorCode.TopicAuthorizationFailed, failure.Error.Code);
    }

    [Fact]
    public async Task SetLeaderAsync_ThreeBrokers_MetadataNamesNewLeaderAtItsAdvertisedAddress()
    {
        var topic = await cluster.CreateTopicAsync(partitions: 2);
        await cluster.Control.SetLeaderAsync(topic, partition: 0, brokerId: 3);
        var health = await cluster.Control.GetHealthAsync();

        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = cluster.BootstrapServers }).Build();
        var metadata = admin.GetMetadata(topic, TimeSpan.FromSeconds(30));
        var partition = Assert.Single(metadata.Topics).Partitions.Single(p => p.PartitionId == 0);
        var leader = metadata.Brokers.Single(b => b.BrokerId == partition.Leader);

        Assert.Equal(3, health.Brokers.Count);
        Assert.Equal(3, partition.Leader);
        Assert.Equal(health.Brokers.Single(b => b.Id == 3).Advertised, $"{leader.Host}:{leader.Port}");

        // Produce through broker 3's forwarded port lands on broker 3.
        using var producer = new ProducerBuilder<string, string>(cluster.CreateProducerConfig()).Build();
        var delivery = await producer.ProduceAsync(
            new TopicPartition(topic, 0), new Message<string, string> { Key = "k", Value = "to-broker-3" });
        Assert.Equal(PersistenceStatus.Persisted, delivery.Status);
        Assert.Equal(0, delivery.Offset.Value);
    }
}
