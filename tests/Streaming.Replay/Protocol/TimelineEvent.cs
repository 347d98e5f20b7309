using Streaming.Replay.Sources;

namespace Streaming.Replay.Protocol;

/// <summary>
/// One play in the global replay order. <see cref="TrackKey"/> is a dense integer for the track id (the
/// baselines count on it); <see cref="IsScoredPhase"/> is true for the last 30% of the user's plays.
/// </summary>
public sealed record TimelineEvent(
    int GlobalIndex,
    int UserOrdinal,
    string UserId,
    int PlayIndex,
    int TrackKey,
    ReplayPlay Play,
    bool IsScoredPhase)
{
    public string TrackId => Play.TrackId;

    public DateTimeOffset OccurredAt => Play.OccurredAt;

    public bool IsSkip => ReplayProtocol.IsSkip(Play.MsPlayed);

    public string EventId => ReplayIds.EventId(UserId, PlayIndex);
}
