using Streaming.NextTrack;
using Streaming.Recommender.Ranking;
using Streaming.Recommender.Tests.Support;
using Streaming.TasteMath;
using Streaming.TasteStore;

namespace Streaming.Recommender.Tests.Ranking;

/// <summary>What the store returned, as the ranking's listener state: the client's session decides whether the stored one is "this session".</summary>
public sealed class ListenerStatesTests
{
    private static readonly DateTimeOffset At = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly string[] Ids = SyntheticSnapshots.Catalog.Tracks.Take(3).Select(t => t.Id).ToArray();

    private static UserContext Stored(byte[]? history = null)
    {
        var session = new DecayedVector("space", 2);
        session.Add([1f, 0f], 1f, At.ToUnixTimeMilliseconds(), TimeSpan.FromMinutes(10));
        return new UserContext("u1", LongTerm: null, Session: session, SessionId: "s1", SessionLastEventAt: At, LastEventAt: At,
            NowPlaying: Ids[0], RecentTrackIds: [Ids[0], Ids[1]], SessionSkippedTrackIds: [Ids[2]])
        {
            SessionPlays = 2,
            HistoryBlob = history,
        };
    }

    [Fact]
    public void From_SameSessionId_StoredSessionIsThisSession()
    {
        var state = ListenerStates.From(Stored(), "s1");

        Assert.Equal(2, state.SessionPlays);
        Assert.Equal([Ids[2]], state.SessionSkippedTrackIds);
        Assert.NotNull(state.Session);
        Assert.Equal(At.ToUnixTimeMilliseconds(), state.SessionLastMs);
    }

    [Fact]
    public void From_NoClientSession_StoredSessionUsed()
    {
        var state = ListenerStates.From(Stored(), sessionId: null);

        Assert.Equal(2, state.SessionPlays);
        Assert.NotNull(state.Session);
    }

    [Fact]
    public void From_OtherSessionId_NoSessionPlaysSkipsVectorOrTime()
    {
        var state = ListenerStates.From(Stored(), "s2");

        Assert.Equal(0, state.SessionPlays);
        Assert.Empty(state.SessionSkippedTrackIds);
        Assert.Null(state.Session);
        Assert.Null(state.SessionLastMs);
        // What is not about the session stays: the latest plays, now playing, the newest event.
        Assert.Equal([Ids[0], Ids[1]], state.RecentTrackIds);
        Assert.Equal(Ids[0], state.NowPlaying);
        Assert.Equal(At.ToUnixTimeMilliseconds(), state.LastEventMs);
    }

    [Fact]
    public void From_OtherSessionId_ContextHasNoLiveSessionAndOldSkipsAreNotExcluded()
    {
        var catalog = new RankingCatalog(SyntheticSnapshots.Create("v1"));

        var context = ListeningContext.Create(catalog, ListenerStates.From(Stored(), "s2"), NextTrackSettings.Default, At.ToUnixTimeMilliseconds());

        Assert.False(context.SessionActive);
        Assert.False(context.Excluded.Contains(catalog.RowOf(Ids[2])));
    }

    [Fact]
    public void From_HistoryBlob_Entries()
    {
        var history = new ListeningHistory();
        history.RecordPlay(TrackKey.Of(Ids[0]), At.ToUnixTimeMilliseconds(), TrackKey.None, TasteParameters.Default);

        var state = ListenerStates.From(Stored(HistoryBlob.Write(history)), "s1");

        Assert.Equal(history.Entries, state.History);
    }

    [Fact]
    public void From_NoOrUnreadableHistoryBlob_EmptyHistory()
    {
        Assert.Empty(ListenerStates.From(Stored(null), "s1").History);
        Assert.Empty(ListenerStates.From(Stored([7, 1, 0]), "s1").History);
    }
}
