using Confluent.Kafka;
using Streaming.TestInfrastructure.DevBroker;

namespace Streaming.FaultHarness;

/// <summary>How far a consumer group's committed offsets are behind the end of a topic.</summary>
public static class ConsumerLag
{
    /// <summary>Waits until the group's committed offsets reach the end of every partition.</summary>
    public static async Task WaitForCatchUpAsync(string bootstrapServers, string topic, int partitions, string groupId, TimeSpan timeout, Func<string> describe)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = groupId,
            GroupProtocol = GroupProtocol.Consumer,
            EnableAutoCommit = false,
        };
        using var probe = new ConsumerBuilder<Ignore, Ignore>(config).Build();
        var tps = Enumerable.Range(0, partitions).Select(p => new TopicPartition(topic, p)).ToList();
        var deadline = DateTime.UtcNow + timeout;
        long behind = -1;
        while (DateTime.UtcNow < deadline)
        {
            behind = Behind(probe, tps, timeout);
            if (behind == 0)
            {
                return;
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"Group {groupId} still {behind} records behind on {topic} after {timeout}.{Environment.NewLine}{describe()}");
    }

    private static long Behind(IConsumer<Ignore, Ignore> probe, List<TopicPartition> partitions, TimeSpan timeout)
    {
        var committed = KafkaRetry.Until(() => probe.Committed(partitions, TimeSpan.FromSeconds(5)), timeout);
        long behind = 0;
        foreach (var c in committed)
        {
            var high = KafkaRetry.Until(() => probe.QueryWatermarkOffsets(c.TopicPartition, TimeSpan.FromSeconds(5)), timeout).High.Value;
            var at = c.Offset.IsSpecial ? 0 : c.Offset.Value;
            behind += Math.Max(0, high - at);
        }
        return behind;
    }
}
