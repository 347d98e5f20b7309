using System.Text;
using Confluent.Kafka;

namespace Streaming.FaultHarness.Chaos;

/// <summary>Reads a dead-letter topic from the start: each record's key and its <c>dlq-reason</c> header.</summary>
public static class DeadLetters
{
    public static IReadOnlyList<(string Key, string Reason)> ReadAll(string bootstrapServers, string topic, int partitions, TimeSpan timeout)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "dlq-reader-" + Guid.NewGuid().ToString("N"),
            EnableAutoCommit = false,
            EnablePartitionEof = true,
        };
        using var consumer = new ConsumerBuilder<string, byte[]>(config).Build();
        consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var result = new List<(string, string)>();
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
            var reason = r.Message.Headers.TryGetLastBytes("dlq-reason", out var bytes) ? Encoding.UTF8.GetString(bytes) : "(no reason header)";
            result.Add((r.Message.Key, reason));
        }
        return result;
    }
}
