namespace Streaming.TasteStore;

/// <summary>A track by its <see cref="Streaming.TasteMath.TrackKey"/> with a score: a list entry read without making a string of its id.</summary>
public readonly record struct ScoredTrackKey(ulong Key, double Score);
