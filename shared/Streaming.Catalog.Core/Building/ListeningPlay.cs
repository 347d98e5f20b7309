namespace Streaming.Catalog.Core.Building;

/// <summary>A play used by the catalog build: by Spotify id when known, else by names.</summary>
/// <param name="SessionId">The player's session when the source has one (else sessions split at 30 minutes of silence).</param>
/// <param name="Private">A private-session play (never trains anything but the session it steers).</param>
public sealed record ListeningPlay(string UserId, DateTimeOffset At, string? TrackId, string Artist, string Title, int MsPlayed,
    string? SessionId = null, bool Private = false);
