namespace Streaming.FaultHarness.Chaos;

/// <summary>What one fault keeps between its steps (the member it started, the node it killed), and what its checks found.</summary>
public sealed class FaultContext(string rowPrefix)
{
    /// <summary>Unique per row: keys and ids the fault creates start with it.</summary>
    public string RowPrefix { get; } = rowPrefix;

    public WorkerProcess? Worker { get; set; }

    /// <summary>The killed Redis Cluster node's id before the kill: it must come back with the same.</summary>
    public string? RedisNodeId { get; set; }

    /// <summary>How many keys the killed node held before the kill: its append-only file must bring them back.</summary>
    public long RedisNodeKeys { get; set; }

    /// <summary>The workers' failed batch attempts before the kill (their counter summed).</summary>
    public double WorkerBatchFailures { get; set; }

    /// <summary>The workers' records skipped at a user's offset watermark before the kill: a retried batch's written part.</summary>
    public double WorkerReplayed { get; set; }

    /// <summary>What the row's notes column shows (e.g. a dead-letter reason).</summary>
    public List<string> Notes { get; } = [];

    /// <summary>Expectations of this fault that did not hold; the row fails with them.</summary>
    public List<string> Failures { get; } = [];
}
