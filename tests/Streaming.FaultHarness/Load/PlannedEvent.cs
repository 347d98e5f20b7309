namespace Streaming.FaultHarness.Load;

/// <summary>
/// One counted play the harness sends: a user never plays the same track twice in a run, so the user's year-in-review
/// count of <see cref="TrackId"/> says how often this very event was applied (0 lost, 1 once, 2 twice).
/// </summary>
public sealed record PlannedEvent(string EventId, string UserId, string TrackId, long Sequence);
