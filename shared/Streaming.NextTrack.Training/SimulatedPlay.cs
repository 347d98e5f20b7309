namespace Streaming.NextTrack.Training;

/// <summary>A play as the simulation replays it (what the replay posts as a <c>play_ended</c>).</summary>
/// <param name="Phase">Whether the play may train (warm-up) or is only for scoring.</param>
/// <param name="Position">Share of the listener's plays before this one, in [0, 1) (the time split of training windows).</param>
public sealed record SimulatedPlay(
    string UserId,
    string EventId,
    string TrackId,
    string SessionId,
    DateTimeOffset OccurredAt,
    int MsPlayed,
    int? DurationMs,
    bool Private,
    PlayPhase Phase,
    double Position = 0);

public enum PlayPhase
{
    Warmup,
    Scored,
}
