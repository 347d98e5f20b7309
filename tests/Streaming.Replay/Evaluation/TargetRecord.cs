namespace Streaming.Replay.Evaluation;

/// <summary>One scored target: when it happened and each model's rank for it (0 = miss), in scoreboard model order.</summary>
/// <param name="Strategy">How the system answered (the recommender's <c>strategy</c>), when known.</param>
/// <param name="Coverage">Whether the system could have recommended the target at all (see <see cref="TargetCoverage"/>), when known.</param>
public sealed record TargetRecord(
    int GlobalIndex,
    string UserId,
    DateTimeOffset OccurredAt,
    double WallSeconds,
    int[] Ranks,
    string? Strategy = null,
    string? Coverage = null);
