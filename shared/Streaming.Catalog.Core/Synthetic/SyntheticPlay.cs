namespace Streaming.Catalog.Core.Synthetic;

/// <summary>One generated play. <see cref="Skipped"/> is the ground truth (msPlayed under 30 s).</summary>
public sealed record SyntheticPlay(
    string UserId,
    string SessionId,
    string TrackId,
    string Artist,
    string Title,
    DateTimeOffset OccurredAt,
    int MsPlayed,
    int DurationMs,
    bool IsPrivate,
    bool Skipped);
