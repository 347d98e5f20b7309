using System.ComponentModel.DataAnnotations;

namespace Streaming.Messaging;

/// <summary>Where Kafka is: bound from <c>ConnectionStrings:{name}</c> (Aspire style) into <see cref="BootstrapServers"/>.</summary>
public sealed class KafkaConnectionOptions
{
    [Required(ErrorMessage = "ConnectionStrings:kafka (bootstrap servers) is required")]
    public string BootstrapServers { get; set; } = "";

    /// <summary>How often librdkafka reports statistics (lag, queue depth); 0 disables.</summary>
    [Range(0, 600_000)]
    public int StatisticsIntervalMs { get; set; } = 5_000;
}
