namespace Streaming.NextTrack;

/// <summary>A catalog row with a score (higher is better).</summary>
public readonly record struct ScoredRow(int Row, float Score);
