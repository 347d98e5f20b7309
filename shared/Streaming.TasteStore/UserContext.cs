using Streaming.TasteMath;

namespace Streaming.TasteStore;

/// <summary>What the recommender knows about a user, read in one round trip.</summary>
/// <param name="LongTerm">Slow taste with its space id and last-update event time; null when none.</param>
/// <param name="Session">The moment's vector; null when none (check <see cref="SessionLastEventAt"/> for staleness).</param>
/// <param name="RecentTrackIds">Last played tracks, newest first (including the one playing now).</param>
/// <param name="SessionSkippedTrackIds">Tracks skipped in the current session.</param>
public sealed record UserContext(
    string UserId,
    DecayedVector? LongTerm,
    DecayedVector? Session,
    string? SessionId,
    DateTimeOffset? SessionLastEventAt,
    DateTimeOffset? LastEventAt,
    string? NowPlaying,
    IReadOnlyList<string> RecentTrackIds,
    IReadOnlyList<string> SessionSkippedTrackIds)
{
    /// <summary>Id of the last event the worker applied (fold order), or null; with <see cref="LastEventAt"/> it tells a
    /// client whether an answer already reflects the event it posted last.</summary>
    public string? LastAppliedEventId { get; init; }

    /// <summary>How many of the newest <see cref="RecentTrackIds"/> belong to the current session.</summary>
    public int SessionPlays { get; init; }

    /// <summary>The listener's own history as stored (<see cref="HistoryBlob"/>), or null when there is none.</summary>
    public byte[]? HistoryBlob { get; init; }

    /// <summary>True when the store holds nothing for the user (new, expired or erased).</summary>
    public bool IsEmpty => LastEventAt is null && RecentTrackIds.Count == 0;
}
