namespace Streaming.TasteStore;

/// <summary>How far a user has been applied: counted plays so far and the id of the last event applied (null: none).</summary>
public sealed record UserProgress(long CountedPlays, string? LastAppliedEventId);
