using Streaming.NextTrack;
using Streaming.TasteMath;
using Streaming.TasteStore;

namespace Streaming.Recommender.Ranking;

/// <summary>What the store returned for a listener, as the ranking's <see cref="ListenerState"/>.</summary>
public static class ListenerStates
{
    /// <param name="sessionId">The client's session: another id than the stored one means the stored session (its vector,
    /// plays and skips) is not "this session" any more.</param>
    public static ListenerState From(UserContext context, string? sessionId)
    {
        ArgumentNullException.ThrowIfNull(context);
        var sameSession = sessionId is null || context.SessionId is null || string.Equals(sessionId, context.SessionId, StringComparison.Ordinal);
        return new ListenerState(
            context.RecentTrackIds,
            sameSession ? context.SessionPlays : 0,
            sameSession ? context.SessionSkippedTrackIds : [],
            context.NowPlaying,
            context.LongTerm,
            sameSession ? context.Session : null,
            sameSession ? context.SessionLastEventAt?.ToUnixTimeMilliseconds() : null,
            context.LastEventAt?.ToUnixTimeMilliseconds(),
            History(context.HistoryBlob));
    }

    /// <summary>A stored history's entries; none when absent or of a format this build cannot read.</summary>
    private static HistoryEntry[] History(byte[]? blob)
    {
        if (blob is null)
        {
            return [];
        }
        try
        {
            var count = HistoryBlob.CountOf(blob);
            var entries = new HistoryEntry[count];
            for (var i = 0; i < count; i++)
            {
                entries[i] = HistoryBlob.EntryAt(blob, i);
            }
            return entries;
        }
        catch (FormatException)
        {
            return [];
        }
    }
}
