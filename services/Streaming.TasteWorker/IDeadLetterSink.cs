using Confluent.Kafka;

namespace Streaming.TasteWorker;

/// <summary>Where an undecodable record goes, with its reason (the worker: the dead-letter topic).</summary>
public interface IDeadLetterSink
{
    /// <summary>Completes when the record is durable there; the caller stores the source offset only then.</summary>
    Task PublishAsync(ConsumeResult<string, byte[]> source, string reason);
}
