namespace Streaming.Replay.Sources;

/// <summary>One play of one user as a source recorded it; <see cref="OccurredAt"/> is the end of the play.</summary>
public sealed record ReplayPlay(
    string TrackId,
    string SessionId,
    DateTimeOffset OccurredAt,
    int MsPlayed,
    int? DurationMs = null,
    bool IsPrivate = false);
