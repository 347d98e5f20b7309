namespace Streaming.Catalog.Core.Building;

/// <summary>A play used by the catalog build: by Spotify id when known, else by names.</summary>
public sealed record ListeningPlay(string UserId, DateTimeOffset At, string? TrackId, string Artist, string Title, int MsPlayed);
