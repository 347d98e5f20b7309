namespace Streaming.TasteStore;

/// <summary>For each asked track: what listeners played right after it, and what they played near it (best first).</summary>
public sealed record TrackLists(
    IReadOnlyDictionary<string, IReadOnlyList<ScoredTrack>> Successors,
    IReadOnlyDictionary<string, IReadOnlyList<ScoredTrack>> CoListening);
