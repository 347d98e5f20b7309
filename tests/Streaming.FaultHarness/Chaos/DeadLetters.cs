using System.Text;

namespace Streaming.FaultHarness.Chaos;

/// <summary>A dead-letter topic's records: each one's key and its <c>dlq-reason</c> header.</summary>
public static class DeadLetters
{
    public static IReadOnlyList<(string Key, string Reason)> ReadAll(string bootstrapServers, string topic, int partitions, TimeSpan timeout) =>
        TopicRecords.ReadAll(bootstrapServers, topic, partitions, timeout)
            .Select(r => (r.Message.Key, r.Message.Headers.TryGetLastBytes("dlq-reason", out var bytes) ? Encoding.UTF8.GetString(bytes) : "(no reason header)"))
            .ToArray();
}
