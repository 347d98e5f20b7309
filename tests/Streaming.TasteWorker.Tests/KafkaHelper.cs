using Confluent.Kafka;
using Streaming.Contracts.Events;
using Streaming.Contracts.Wire;
using Streaming.FaultHarness;
using Streaming.TestInfrastructure.DevBroker;

namespace Streaming.TasteWorker.Tests;

internal static class KafkaHelper
{
    public static async Task ProduceAsync(DevBrokerFixture broker, string topic, IEnumerable<ListeningRecord> records)
    {
        var config = broker.CreateProducerConfig();
        config.EnableIdempotence = true;
        config.LingerMs = 5;
        using var producer = new ProducerBuilder<string, byte[]>(config).Build();
        var sends = new List<Task>();
        foreach (var record in records)
        {
            var value = record switch
            {
                ListeningRecord.Event e => ListeningRecordSerializer.Serialize(e.Value),
                ListeningRecord.Erasure x => ListeningRecordSerializer.Serialize(x.Value),
                _ => throw new ArgumentException("unknown record"),
            };
            sends.Add(producer.ProduceAsync(topic, new Message<string, byte[]> { Key = record.UserId, Value = value }));
        }
        await Task.WhenAll(sends);
    }

    /// <summary>Produces one event to an explicit partition (a probe that must be consumed from exactly there).</summary>
    public static async Task ProduceToPartitionAsync(DevBrokerFixture broker, string topic, int partition, ListeningEvent e)
    {
        using var producer = new ProducerBuilder<string, byte[]>(broker.CreateProducerConfig()).Build();
        await producer.ProduceAsync(new TopicPartition(topic, partition), new Message<string, byte[]> { Key = e.UserId, Value = ListeningRecordSerializer.Serialize(e) });
    }

    public static async Task ProduceRawAsync(DevBrokerFixture broker, string topic, string key, byte[] value, Headers? headers = null)
    {
        using var producer = new ProducerBuilder<string, byte[]>(broker.CreateProducerConfig()).Build();
        await producer.ProduceAsync(topic, new Message<string, byte[]> { Key = key, Value = value, Headers = headers });
    }

    /// <summary>Waits until the group's committed offsets reach the end of every partition.</summary>
    public static Task WaitForCatchUpAsync(DevBrokerFixture broker, string topic, int partitions, string groupId, TimeSpan timeout, Func<string> describe) =>
        ConsumerLag.WaitForCatchUpAsync(broker.BootstrapServers, topic, partitions, groupId, timeout, describe);

    /// <summary>Reads every record currently in a topic (from the start).</summary>
    public static List<ConsumeResult<string, byte[]>> ReadAll(DevBrokerFixture broker, string topic, int partitions, int expected, TimeSpan timeout)
    {
        var config = broker.CreateConsumerConfig("reader-" + Guid.NewGuid().ToString("N"));
        using var consumer = new ConsumerBuilder<string, byte[]>(config).Build();
        consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var result = new List<ConsumeResult<string, byte[]>>();
        var deadline = DateTime.UtcNow + timeout;
        while (result.Count < expected && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { } r)
            {
                result.Add(r);
            }
        }
        return result;
    }
}
