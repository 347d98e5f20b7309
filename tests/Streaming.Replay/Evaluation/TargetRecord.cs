namespace Streaming.Replay.Evaluation;

/// <summary>One scored target: when it happened and each model's rank for it (0 = miss), in scoreboard model order.</summary>
public sealed record TargetRecord(int GlobalIndex, string UserId, DateTimeOffset OccurredAt, double WallSeconds, int[] Ranks);
