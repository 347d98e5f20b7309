using Streaming.FaultHarness.Load;

namespace Streaming.FaultHarness.Chaos;

/// <summary>
/// One fault's outcome. <see cref="Recovery"/>: from the fault's end (a kill is its own end) until the stream is healthy
/// again: the earliest probe from which at most 1% of the probes are slower than the row's healthy freshness; <see cref="FreshnessP99"/> over the probes posted from the
/// fault's start to the end of the stream (<see cref="Probes"/> of them).
/// </summary>
public sealed record ChaosRow(
    string Fault,
    LedgerCount Count,
    int GivenUp,
    TimeSpan Recovery,
    TimeSpan FreshnessP99,
    int Probes,
    int ProbesNeverApplied,
    string Answers,
    IReadOnlyList<string> Notes,
    IReadOnlyList<string> Failures)
{
    /// <summary>503 or 429 answers of the gateway without Retry-After (a client would not know when to come back).</summary>
    public int AnswersWithoutRetryAfter { get; init; }

    /// <summary>Nothing lost, nothing applied twice, every event acknowledged and every probe seen, the fault's own checks held.</summary>
    public bool Passed => Count.Lost == 0 && Count.AppliedTwice == 0 && Count.Acknowledged == Count.Sent && GivenUp == 0
                          && ProbesNeverApplied == 0 && AnswersWithoutRetryAfter == 0 && Failures.Count == 0;
}
