using Streaming.Contracts.Events;
using Streaming.Replay.Protocol;
using Streaming.Replay.Sources;

namespace Streaming.Replay.Live;

/// <summary>An event as the replay posts it to <c>POST /v1/events</c>.</summary>
public sealed record OutgoingEvent(
    string EventId,
    string UserId,
    string TrackId,
    string SessionId,
    ListeningEventKind Kind,
    DateTimeOffset OccurredAt,
    int? MsPlayed,
    int? TrackDurationMs,
    bool PrivateSession)
{
    /// <summary>A replayed play: <c>play_ended</c> with ms played (the system infers skips), at its historical time.</summary>
    public static OutgoingEvent FromTimeline(TimelineEvent e) => new(
        e.EventId,
        e.UserId,
        e.TrackId,
        e.Play.SessionId,
        ListeningEventKind.PlayEnded,
        e.OccurredAt,
        e.Play.MsPlayed,
        e.Play.DurationMs,
        e.Play.IsPrivate);

    public static OutgoingEvent FromPlay(string userId, int index, ReplayPlay play) => new(
        ReplayIds.EventId(userId, index), userId, play.TrackId, play.SessionId, ListeningEventKind.PlayEnded,
        play.OccurredAt, play.MsPlayed, play.DurationMs, play.IsPrivate);
}
