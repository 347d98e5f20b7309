namespace Streaming.Recommender.Api;

/// <summary>A track of the year in review with its counted plays; names are null when the catalog no longer has it.</summary>
public sealed record TopTrack(string TrackId, string? Artist, string? Title, long Plays);
