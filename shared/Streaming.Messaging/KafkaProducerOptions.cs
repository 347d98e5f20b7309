using System.ComponentModel.DataAnnotations;

namespace Streaming.Messaging;

/// <summary>Producer tuning (section <c>Kafka:Producer</c>). Defaults favour latency with durability: acks=all, idempotent.</summary>
public sealed class KafkaProducerOptions
{
    public const string Section = "Kafka:Producer";

    /// <summary>Small linger: batches form under load without adding visible latency to a single post.</summary>
    [Range(0, 1000)]
    public double LingerMs { get; set; } = 2;

    [RegularExpression("none|gzip|snappy|lz4|zstd")]
    public string Compression { get; set; } = "lz4";

    /// <summary>Upper bound on how long a produce may wait for the broker before it fails (the gateway answers 503 then).</summary>
    [Range(100, 300_000)]
    public int MessageTimeoutMs { get; set; } = 5_000;

    [Range(1, 10_000_000)]
    public int QueueBufferingMaxMessages { get; set; } = 200_000;

    /// <summary>
    /// At disposal the producer waits this long for what is still queued. Senders wait for their own
    /// acknowledgements, so this is a safety net; it keeps a stop with the broker gone well under 10 s.
    /// </summary>
    [Range(0, 60_000)]
    public int FlushOnDisposeMs { get; set; } = 2_000;

    /// <summary>
    /// librdkafka debug contexts (e.g. <c>msg,eos</c>), empty for none. Their lines are logged at Debug under
    /// <c>Streaming.Messaging</c>; for diagnosing delivery, not for steady running.
    /// </summary>
    [RegularExpression("^[a-z,]*$")]
    public string Debug { get; set; } = "";
}
