using System.ComponentModel.DataAnnotations;
using Streaming.Contracts;

namespace Streaming.Gateway;

/// <summary>Section <c>Gateway</c>. The limits fixed by the batch JSON Schema live in <see cref="Validation.EventLimits"/>.</summary>
public sealed class GatewayOptions
{
    public const string Section = "Gateway";

    /// <summary>Topic the events and erasures go to (tests use one topic each).</summary>
    [Required, RegularExpression("^[A-Za-z0-9._-]{1,249}$")]
    public string Topic { get; set; } = KafkaTopics.ListeningEvents;

    /// <summary>Kestrel's request body limit; larger bodies get 413.</summary>
    [Range(1024, 64L * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>How old an event a user token may post (service tokens may post any past event).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan UserMaxEventAge { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How far in the future an event may be (client clocks run ahead).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The <c>Retry-After</c> of 503 answers when Kafka did not acknowledge.</summary>
    [Range(1, 3600)]
    public int RetryAfterSeconds { get; set; } = 5;

    /// <summary>Maps <c>POST /v1/noop</c>: the events pipeline without Kafka, the benchmark's baseline.</summary>
    public bool EnableBenchmarkEndpoints { get; set; }
}
