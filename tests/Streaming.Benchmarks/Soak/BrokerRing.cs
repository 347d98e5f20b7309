using Confluent.Kafka;

namespace Streaming.Benchmarks.Soak;

/// <summary>
/// Whether the dev broker's log is full: librdkafka's mock keeps at most ~5 MiB per partition and drops the oldest
/// batches beyond it, which shows as a low watermark above 0. Until every partition drops, the broker's memory grows
/// with the log by design; from then on growth is something else.
/// </summary>
internal sealed class BrokerRing(string bootstrap, string topic, int partitions) : IDisposable
{
    private readonly IConsumer<byte[], byte[]> _consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
    {
        BootstrapServers = bootstrap,
        GroupId = "soak-ring-" + Guid.NewGuid().ToString("N"),
    }).Build();

    /// <summary>Partitions whose oldest batches have been dropped (null when the broker did not answer).</summary>
    public int? Dropping()
    {
        try
        {
            return Enumerable.Range(0, partitions)
                .Count(p => _consumer.QueryWatermarkOffsets(new TopicPartition(topic, p), TimeSpan.FromSeconds(5)).Low > 0);
        }
        catch (KafkaException)
        {
            return null;
        }
    }

    public void Dispose() => _consumer.Dispose();
}
