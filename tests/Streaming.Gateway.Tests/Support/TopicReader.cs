using Confluent.Kafka;
using Streaming.TestInfrastructure;
using Streaming.TestInfrastructure.DevBroker;

namespace Streaming.Gateway.Tests.Support;

/// <summary>Reads every record of a topic (all partitions, from the beginning) once the broker reports them.</summary>
internal static class TopicReader
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    /// <summary>All records; fails unless the topic holds exactly <paramref name="expected"/>.</summary>
    public static List<ConsumeResult<string, byte[]>> ReadExactly(DevBrokerFixture broker, string topic, int expected)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = broker.BootstrapServers }).Build();
        var partitions = KafkaRetry.Until(() => admin.GetMetadata(topic, TimeSpan.FromSeconds(10)), Deadline).Topics.Single().Partitions
            .Select(p => new TopicPartition(topic, p.PartitionId)).ToList();

        using var consumer = new ConsumerBuilder<string, byte[]>(broker.CreateConsumerConfig(TestNames.GroupId())).Build();
        // 202 means acknowledged: the high watermarks already count every accepted record.
        var total = partitions.Sum(p => KafkaRetry.Until(() => consumer.QueryWatermarkOffsets(p, TimeSpan.FromSeconds(10)), Deadline).High.Value);
        Assert.Equal(expected, total);

        consumer.Assign(partitions.Select(p => new TopicPartitionOffset(p, Offset.Beginning)));
        var records = new List<ConsumeResult<string, byte[]>>();
        var until = DateTime.UtcNow + Deadline;
        while (records.Count < expected && DateTime.UtcNow < until)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { IsPartitionEOF: false, Message: not null } result)
            {
                records.Add(result);
            }
        }
        Assert.Equal(expected, records.Count);
        return records;
    }
}
