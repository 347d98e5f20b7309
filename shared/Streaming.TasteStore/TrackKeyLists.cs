namespace Streaming.TasteStore;

/// <summary>
/// Successors and co-listening of the asked tracks, in the order asked (an empty list where a track has none), entries
/// by track key, best first: what the ranking needs, without a string or dictionary per entry.
/// </summary>
public sealed record TrackKeyLists(ScoredTrackKey[][] Successors, ScoredTrackKey[][] CoListening);
