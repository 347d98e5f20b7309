namespace Streaming.TasteStore;

/// <summary>Counted plays of one track by one user in one calendar year (UTC).</summary>
public readonly record struct YearTrackPlays(int Year, string TrackId, long Plays);
