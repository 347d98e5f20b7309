namespace Streaming.FaultHarness.Chaos;

/// <summary>What one fault keeps between its steps (the member it started), and what its checks found.</summary>
public sealed class FaultContext(string rowPrefix)
{
    /// <summary>Unique per row: keys and ids the fault creates start with it.</summary>
    public string RowPrefix { get; } = rowPrefix;

    public WorkerProcess? Worker { get; set; }

    /// <summary>What the row's notes column shows (e.g. a dead-letter reason).</summary>
    public List<string> Notes { get; } = [];

    /// <summary>Expectations of this fault that did not hold; the row fails with them.</summary>
    public List<string> Failures { get; } = [];
}
