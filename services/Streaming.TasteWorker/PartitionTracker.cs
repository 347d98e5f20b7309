using System.Collections.Concurrent;
using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Streaming.TasteWorker;

/// <summary>
/// Follows the assignment: logs rebalances, keeps the <see cref="UserStateCache"/> to the partitions held, and turns librdkafka statistics into the per-partition consumer-lag
/// gauge. Offsets stored for partitions being revoked are committed by librdkafka itself (auto commit commits
/// removed partitions before they go, asynchronously), so no handler blocks on a commit while the coordinator may
/// be unreachable.
/// </summary>
public sealed class PartitionTracker(TasteWorkerMetrics metrics, UserStateCache cache, ILogger<PartitionTracker> logger)
{
    private readonly ConcurrentDictionary<TopicPartition, bool> _assigned = new();

    public IReadOnlyCollection<TopicPartition> Assigned => _assigned.Keys.ToArray();

    public void OnAssigned(IConsumer<string, byte[]> consumer, List<TopicPartition> partitions)
    {
        foreach (var p in partitions)
        {
            _assigned[p] = true;
        }
        cache.Assign(partitions);
        TasteWorkerLog.Assigned(logger, Describe(partitions));
    }

    public void OnRevoked(IConsumer<string, byte[]> consumer, List<TopicPartitionOffset> partitions)
    {
        TasteWorkerLog.Revoked(logger, Describe(partitions.Select(p => p.TopicPartition)));
        Forget(partitions.Select(p => p.TopicPartition));
    }

    public void OnLost(IConsumer<string, byte[]> consumer, List<TopicPartitionOffset> partitions)
    {
        // Lost (not revoked): another member may own them already; librdkafka commits nothing for them.
        TasteWorkerLog.Lost(logger, Describe(partitions.Select(p => p.TopicPartition)));
        Forget(partitions.Select(p => p.TopicPartition));
    }

    /// <summary>librdkafka statistics: <c>topics.T.partitions.P.consumer_lag</c> for the partitions assigned here.</summary>
    public void OnStatistics(string json)
    {
        using var doc = JsonDocument.Parse(json);
        if (!doc.RootElement.TryGetProperty("topics", out var topics))
        {
            return;
        }
        foreach (var topic in topics.EnumerateObject())
        {
            if (!topic.Value.TryGetProperty("partitions", out var parts))
            {
                continue;
            }
            foreach (var part in parts.EnumerateObject())
            {
                if (!int.TryParse(part.Name, out var id) || id < 0 || !_assigned.ContainsKey(new TopicPartition(topic.Name, id)))
                {
                    continue;
                }
                if (part.Value.TryGetProperty("consumer_lag", out var lag) && lag.TryGetInt64(out var value) && value >= 0)
                {
                    metrics.SetLag(topic.Name, id, value);
                }
            }
        }
    }

    private void Forget(IEnumerable<TopicPartition> partitions)
    {
        partitions = partitions.ToList();
        cache.Drop(partitions);
        foreach (var p in partitions)
        {
            _assigned.TryRemove(p, out _);
            metrics.ForgetLag(p.Topic, p.Partition.Value);
        }
    }

    private static string Describe(IEnumerable<TopicPartition> partitions) =>
        string.Join(',', partitions.Select(p => $"{p.Topic}[{p.Partition.Value}]"));
}
