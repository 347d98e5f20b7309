namespace Streaming.Replay.Live;

/// <summary>Asks the recommender for a user's next tracks.</summary>
public interface INextTrackService
{
    Task<NextAnswer> NextAsync(string userId, string? sessionId, int count, IReadOnlyCollection<string> exclude, CancellationToken cancellationToken);
}

/// <summary>
/// Ranked track ids (best first) and which of the user's events the answer reflects:
/// <see cref="LastAppliedEventId"/>/<see cref="LastEventAt"/> are null for unknown users and degraded answers.
/// </summary>
public sealed record NextAnswer(
    IReadOnlyList<string> TrackIds,
    string? LastAppliedEventId,
    DateTimeOffset? LastEventAt,
    bool Degraded = false,
    string? Strategy = null);
