namespace Streaming.Replay.Live;

/// <summary>How the replay drives the services.</summary>
public sealed record LiveReplayOptions
{
    /// <summary>Event time runs this many times faster than wall time; 0 = as fast as the system allows.</summary>
    public double Speedup { get; init; }

    /// <summary>Steps (users) in flight at once; also the window of the global order (see <see cref="LiveReplayRunner"/>).</summary>
    public int Concurrency { get; init; } = 8;

    public int BatchSize { get; init; } = 200;

    /// <summary>Longest wait for the user's previous event to be applied before the answer is taken as it is (stale).</summary>
    public TimeSpan ApplyTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Posted but not yet applied events over all users.</summary>
    public int MaxInFlight { get; init; } = 20_000;

    /// <summary>
    /// Posted but not yet applied events of one Kafka partition: at ~0.4 KiB per record, 4,000 is ~1.6 MiB,
    /// well under the ~5 MiB the dev broker keeps per partition.
    /// </summary>
    public int MaxPartitionInFlight { get; init; } = 4_000;

    /// <summary>Partitions of the events topic (users map to them as the producer's partitioner does).</summary>
    public int Partitions { get; init; } = KafkaPartitions.DevBrokerPartitions;

    /// <summary>Give up when the system applies nothing for this long while the replay waits on lag.</summary>
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Polling of the recommender while waiting for an event to be applied: first delay, growing 1.5x to the max.</summary>
    public TimeSpan PollStart { get; init; } = TimeSpan.FromMilliseconds(5);

    public TimeSpan PollMax { get; init; } = TimeSpan.FromMilliseconds(100);
}
