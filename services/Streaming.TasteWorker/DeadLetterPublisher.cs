using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Options;

namespace Streaming.TasteWorker;

/// <summary>Writes undecodable records to the dead-letter topic with the reason and where they came from.</summary>
public sealed class DeadLetterPublisher(IProducer<string, byte[]> producer, IOptions<TasteWorkerOptions> options) : IDeadLetterSink
{
    private readonly string _topic = options.Value.DeadLetterTopic;

    /// <summary>Completes when the broker has the record (acks=all); the caller stores the source offset only then.</summary>
    public Task PublishAsync(ConsumeResult<string, byte[]> source, string reason)
    {
        var headers = new Headers();
        if (source.Message.Headers is { } original)
        {
            foreach (var h in original)
            {
                if (!h.Key.StartsWith(DeadLetterHeaders.Prefix, StringComparison.Ordinal))
                {
                    headers.Add(h.Key, h.GetValueBytes());
                }
            }
        }
        headers.Add(DeadLetterHeaders.Reason, Encoding.UTF8.GetBytes(reason));
        headers.Add(DeadLetterHeaders.SourceTopic, Encoding.UTF8.GetBytes(source.Topic));
        headers.Add(DeadLetterHeaders.SourcePartition, Encoding.UTF8.GetBytes(source.Partition.Value.ToString(CultureInfo.InvariantCulture)));
        headers.Add(DeadLetterHeaders.SourceOffset, Encoding.UTF8.GetBytes(source.Offset.Value.ToString(CultureInfo.InvariantCulture)));
        headers.Add(DeadLetterHeaders.FailedAt, Encoding.UTF8.GetBytes(DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture)));
        return producer.ProduceAsync(_topic, new Message<string, byte[]>
        {
            Key = source.Message.Key,
            Value = source.Message.Value ?? [],
            Headers = headers,
            // Only a producer-set time may be re-sent; broker-set or absent times would be refused.
            Timestamp = source.Message.Timestamp.Type == TimestampType.CreateTime ? source.Message.Timestamp : Timestamp.Default,
        });
    }
}
