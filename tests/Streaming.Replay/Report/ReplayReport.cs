using Streaming.Replay.Evaluation;
using Streaming.Replay.Metrics;

namespace Streaming.Replay.Report;

/// <summary>Everything a report shows; figures not measured in a mode (offline has no latency) are null.</summary>
public sealed record ReplayReport
{
    public required string Mode { get; init; }

    public required string Command { get; init; }

    public required DateTimeOffset GeneratedAt { get; init; }

    public required string Source { get; init; }

    public required string SourceDescription { get; init; }

    public required int Users { get; init; }

    public required int Events { get; init; }

    public required IReadOnlyList<ModelScore> Scores { get; init; }

    public int Targets => Scores.Count > 0 ? Scores[0].Targets : 0;

    public long? EventsPosted { get; init; }

    public long? EventsRejected { get; init; }

    public string? FirstRejection { get; init; }

    public LatencySummary? Freshness { get; init; }

    public long? FreshnessTimeouts { get; init; }

    public LatencySummary? GatewayLatency { get; init; }

    public LatencySummary? RecommenderLatency { get; init; }

    /// <summary>Wait from the first ask to an answer reflecting the user's previous event.</summary>
    public LatencySummary? ApplyWait { get; init; }

    public double? EventsPerSecond { get; init; }

    public double Seconds { get; init; }

    public long? StaleAnswers { get; init; }

    public long? DegradedAnswers { get; init; }

    public long? LagWaits { get; init; }

    public long? RateLimited { get; init; }

    public long? AheadOfPosted { get; init; }

    public bool Partial { get; init; }

    public IReadOnlyList<string> Notes { get; init; } = [];

    public IReadOnlyList<string> Charts { get; init; } = [];

    public string? Dashboard { get; init; }

    /// <summary>Quality per recommender strategy (how the system answered).</summary>
    public IReadOnlyList<GroupScore> ByStrategy { get; init; } = [];

    /// <summary>Quality by whether the target was in the system's catalog (with a vector) at all.</summary>
    public IReadOnlyList<GroupScore> ByCoverage { get; init; } = [];

    /// <summary>Quality per listener (ordered by listener id).</summary>
    public IReadOnlyList<GroupScore> ByListener { get; init; } = [];
}
