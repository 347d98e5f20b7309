namespace Streaming.TasteStore;

/// <summary>A track with a score: decayed counts for trending and transitions, plain counts for top tracks.</summary>
public readonly record struct ScoredTrack(string TrackId, double Score);
