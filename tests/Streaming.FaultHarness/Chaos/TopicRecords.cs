using Confluent.Kafka;

namespace Streaming.FaultHarness.Chaos;

/// <summary>Every record of a topic from the start to its current end: where a dead letter or a lost event is.</summary>
public static class TopicRecords
{
    public static IReadOnlyList<ConsumeResult<string, byte[]>> ReadAll(string bootstrapServers, string topic, int partitions, TimeSpan timeout)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "topic-reader-" + Guid.NewGuid().ToString("N"),
            EnableAutoCommit = false,
            EnablePartitionEof = true,
        };
        using var consumer = new ConsumerBuilder<string, byte[]>(config).Build();
        consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var result = new List<ConsumeResult<string, byte[]>>();
        var atEnd = new HashSet<int>();
        var deadline = DateTime.UtcNow + timeout;
        while (atEnd.Count < partitions && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is not { } r)
            {
                continue;
            }
            if (r.IsPartitionEOF)
            {
                atEnd.Add(r.Partition.Value);
                continue;
            }
            result.Add(r);
        }
        return result;
    }
}
