using System.ComponentModel.DataAnnotations;

namespace Streaming.DevBroker;

/// <summary>Section <c>DevBroker</c>; see <see cref="DevBrokerCommandLine"/> for the short switches.</summary>
public sealed class DevBrokerOptions : IValidatableObject
{
    public const string SectionName = "DevBroker";

    /// <summary>Stable bootstrap port of broker 1 (broker n gets Port + n - 1); 0 = free ports, printed when ready.</summary>
    [Range(0, 65535)]
    public int Port { get; set; } = 19092;

    [Range(1, 9)]
    public int Brokers { get; set; } = 1;

    /// <summary>Address the forwarded broker ports listen on.</summary>
    [Required]
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>Host the brokers advertise to clients (Metadata, FindCoordinator).</summary>
    [Required]
    public string AdvertisedHost { get; set; } = "127.0.0.1";

    /// <summary>Control API port on <see cref="BindAddress"/>; unset = ASP.NET urls if configured, else a free port.</summary>
    [Range(0, 65535)]
    public int? ControlPort { get; set; }

    public const int DefaultGroupSessionTimeoutMs = 6_000;
    public const int DefaultGroupHeartbeatIntervalMs = 500;

    /// <summary>
    /// KIP-848 consumer-group session timeout: a member silent this long (a killed worker) loses its partitions to
    /// the others. 6 s, so a failover completes within 10 s; the mock's own default is 30 s.
    /// </summary>
    [Range(1_000, 300_000)]
    public int GroupSessionTimeoutMs { get; set; } = DefaultGroupSessionTimeoutMs;

    /// <summary>KIP-848 heartbeat interval the broker asks members for (a new assignment reaches them within it).</summary>
    [Range(100, 30_000)]
    public int GroupHeartbeatIntervalMs { get; set; } = DefaultGroupHeartbeatIntervalMs;

    /// <summary>Exit when this process ends (set by test fixtures so a crashed test run leaves no broker behind).</summary>
    public int? ParentPid { get; set; }

    /// <summary>Topics created at start; empty = <see cref="DefaultTopics"/>.</summary>
    public List<TopicSpec> Topics { get; set; } = [];

    public static IReadOnlyList<TopicSpec> DefaultTopics { get; } =
    [
        new() { Name = "listening-events", Partitions = 32 },
        new() { Name = "listening-events.dlq", Partitions = 4 },
    ];

    public IReadOnlyList<TopicSpec> EffectiveTopics => Topics.Count == 0 ? DefaultTopics : Topics;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var topic in Topics)
        {
            if (!TopicSpec.IsValidName(topic.Name))
            {
                yield return new ValidationResult($"Invalid topic name '{topic.Name}'.", [nameof(Topics)]);
            }

            if (topic.Partitions is < 1 or > TopicSpec.MaxPartitions)
            {
                yield return new ValidationResult(
                    $"Topic '{topic.Name}' needs 1..{TopicSpec.MaxPartitions} partitions.", [nameof(Topics)]);
            }
        }

        if (Port != 0 && Port + Brokers - 1 > 65535)
        {
            yield return new ValidationResult("Port + Brokers - 1 exceeds 65535.", [nameof(Port)]);
        }
    }
}
