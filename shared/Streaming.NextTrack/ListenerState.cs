using Streaming.TasteMath;

namespace Streaming.NextTrack;

/// <summary>
/// What the store knows about a listener at request time, as the recommender reads it from Redis and the
/// training simulation keeps it in memory: the same inputs, so serving and training build the same context.
/// </summary>
/// <param name="RecentTrackIds">Latest plays, newest first (skips and private plays included).</param>
/// <param name="SessionPlays">How many of the newest recent plays belong to the stored session.</param>
/// <param name="SessionLastMs">Event time of the stored session's newest event.</param>
/// <param name="LastEventMs">Event time of the newest applied event, or null for a listener with nothing yet.</param>
/// <param name="History">The listener's own public history, any order.</param>
public sealed record ListenerState(
    IReadOnlyList<string> RecentTrackIds,
    int SessionPlays,
    IReadOnlyCollection<string> SessionSkippedTrackIds,
    string? NowPlaying,
    DecayedVector? LongTerm,
    DecayedVector? Session,
    long? SessionLastMs,
    long? LastEventMs,
    IReadOnlyList<HistoryEntry> History)
{
    public static ListenerState Empty { get; } = new([], 0, [], null, null, null, null, null, []);
}
