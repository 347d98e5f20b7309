namespace Streaming.Replay.Live;

/// <summary>Asks the recommender for a user's next tracks.</summary>
public interface INextTrackService
{
    /// <param name="at">The player's clock (event time): the replay asks at the start of the play it is about to score.</param>
    Task<NextAnswer> NextAsync(string userId, string? sessionId, int count, IReadOnlyCollection<string> exclude, DateTimeOffset? at, CancellationToken cancellationToken);
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
