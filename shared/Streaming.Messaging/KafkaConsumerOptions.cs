using System.ComponentModel.DataAnnotations;

namespace Streaming.Messaging;

/// <summary>Consumer tuning (section <c>Kafka:Consumer</c>).</summary>
public sealed class KafkaConsumerOptions
{
    public const string Section = "Kafka:Consumer";

    [Required]
    public string GroupId { get; set; } = "";

    /// <summary>"consumer" (KIP-848: the dev broker and Kafka 4) or "classic" (then cooperative-sticky).</summary>
    [RegularExpression("consumer|classic")]
    public string GroupProtocol { get; set; } = "consumer";

    /// <summary>Broker-side fetch wait: milliseconds, not the 500 ms default, so fresh events arrive at once.</summary>
    [Range(0, 1000)]
    public int FetchWaitMaxMs { get; set; } = 10;

    /// <summary>"earliest" in production; "error" in dev makes a consumer that fell off the dev broker's 5 MiB window fail loudly.</summary>
    [RegularExpression("earliest|latest|error")]
    public string AutoOffsetReset { get; set; } = "earliest";

    /// <summary>Stored offsets are committed this often (they are stored only after the work is durable).</summary>
    [Range(100, 60_000)]
    public int AutoCommitIntervalMs { get; set; } = 1_000;

    [Range(10_000, 3_600_000)]
    public int MaxPollIntervalMs { get; set; } = 300_000;

    /// <summary>
    /// Longest wait for the final close (commit of stored offsets, leaving the group) at shutdown; past it the
    /// process leaves without them (see <see cref="KafkaConsumerShutdown.CloseWithin"/>).
    /// </summary>
    [Range(100, 60_000)]
    public int CloseTimeoutMs { get; set; } = 3_000;
}
