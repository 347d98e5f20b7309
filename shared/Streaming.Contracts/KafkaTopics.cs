namespace Streaming.Contracts;

/// <summary>Topic names shared by producers, consumers, deployment manifests and tests.</summary>
public static class KafkaTopics
{
    public const string ListeningEvents = "listening-events";
    public const string ListeningEventsDeadLetter = "listening-events.dlq";
}
