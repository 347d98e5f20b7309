using static Streaming.NextTrack.Tests.TestWorld;

namespace Streaming.NextTrack.Tests;

public sealed class ListeningContextTests
{
    private static readonly long Gap = (long)NextTrackSettings.Default.SessionGap.TotalMilliseconds;

    private static int[] Range(int start, int count) => Enumerable.Range(start, count).ToArray();

    private static int[] ExcludedRows(ListeningContext context) => Range(0, TrackCount).Where(context.Excluded.Contains).ToArray();

    [Fact]
    public void Create_MoreRecentPlaysThanTheWindow_OnlyTheLastRecentExclusionExcluded()
    {
        var context = Context(State(Range(0, 25)));

        Assert.Equal(Range(0, 20), ExcludedRows(context));
    }

    [Fact]
    public void Create_LiveSessionLongerThanTheWindow_EverySessionPlayExcluded()
    {
        var context = Context(SessionState(23, Range(0, 25)));

        Assert.True(context.SessionActive);
        Assert.Equal(23, context.SessionPlays);
        Assert.Equal(Range(0, 23), ExcludedRows(context));
    }

    [Fact]
    public void Create_SessionPlaysBeyondTheRecentList_ClampedToIt()
    {
        var context = Context(SessionState(30, Range(0, 3)));

        Assert.Equal(3, context.SessionPlays);
    }

    [Fact]
    public void Create_RequestBeyondTheSessionGap_SessionStaleAndOnlyTheWindowExcluded()
    {
        var context = Context(SessionState(23, Range(0, 25)), nowMs: T0 + Gap + 1);

        Assert.False(context.SessionActive);
        Assert.Equal(0, context.SessionPlays);
        Assert.Equal(Range(0, 20), ExcludedRows(context));
    }

    [Fact]
    public void Create_RequestExactlyAtTheSessionGap_SessionLive()
    {
        var context = Context(SessionState(1, 0), nowMs: T0 + Gap);

        Assert.True(context.SessionActive);
    }

    [Fact]
    public void Create_NowPlaying_ExcludedEvenOutsideTheRecentList()
    {
        var context = Context(State(1) with { NowPlaying = Id(30) });

        Assert.Equal(30, context.NowPlayingRow);
        Assert.Equal([1, 30], ExcludedRows(context));
    }

    [Fact]
    public void Create_LiveSessionSkips_Excluded()
    {
        var context = Context(SessionState(1, 1) with { SessionSkippedTrackIds = [Id(30), "t999999999999999999999"] });

        Assert.Equal([30], context.SessionSkippedRows);
        Assert.Equal([1, 30], ExcludedRows(context));
    }

    [Fact]
    public void Create_StaleSessionSkips_NeitherExcludedNorKept()
    {
        var context = Context(SessionState(1, 1) with { SessionSkippedTrackIds = [Id(30)] }, nowMs: T0 + Gap + 1);

        Assert.Empty(context.SessionSkippedRows);
        Assert.Equal([1], ExcludedRows(context));
    }

    [Fact]
    public void Create_ExplicitIds_ExcludedAndUnknownIdsIgnored()
    {
        var context = Context(State(), exclude: [Id(33), AliasOfRow3, "n:zzzzzzzzzzzzzzzzzzzzzzzzzz", "not-an-id"]);

        Assert.Equal(2, context.Excluded.Count);
        Assert.Equal([3, 33], ExcludedRows(context));
    }

    [Fact]
    public void Create_Sources_NewestDistinctKnownNotSkippedUpToSourceTracks()
    {
        var state = SessionState(9, 0) with
        {
            RecentTrackIds = ["t999999999999999999999", Id(3), Id(3), Id(6), Id(7), Id(8), Id(9), Id(10), Id(11)],
            SessionSkippedTrackIds = [Id(6)],
        };

        var context = Context(state);

        Assert.Equal([3, 7, 8, 9, 10], context.SourceRows);
        Assert.Equal(new[] { 3, 7, 8, 9, 10 }.Select(Id), context.SourceIds);
        Assert.Equal(-1, context.RecentRows[0]);
    }

    [Fact]
    public void Create_SourceTracksSetting_BoundsTheSources()
    {
        var context = Context(State(Range(0, 10)), NextTrackSettings.Default with { SourceTracks = 2 });

        Assert.Equal([0, 1], context.SourceRows);
    }

    [Fact]
    public void Create_TasteOfTheCatalogSpace_DirectionsBlendedBySessionWeight()
    {
        var state = SessionState(1, 0) with { LongTerm = Taste(Axis(0)), Session = Taste(Axis(1)) };

        var context = Context(state);

        // normalise(0.4 e0 + 0.6 e1): SessionWeight 0.6 is the session's share.
        var norm = Math.Sqrt((0.4 * 0.4) + (0.6 * 0.6));
        Assert.Equal(Axis(0), context.LongTermDirection);
        Assert.Equal(Axis(1), context.SessionDirection);
        Assert.False(context.QueryIsSeeded);
        Assert.Equal(0.4 / norm, context.Query![0], 5);
        Assert.Equal(0.6 / norm, context.Query[1], 5);
    }

    [Fact]
    public void Create_StaleSession_SessionVectorDoesNotSteer()
    {
        var state = SessionState(1, 0) with { LongTerm = Taste(Axis(0)), Session = Taste(Axis(1)) };

        var context = Context(state, nowMs: T0 + Gap + 1);

        Assert.Null(context.SessionDirection);
        Assert.Equal(Axis(0), context.Query);
    }

    [Fact]
    public void Create_TasteVectorsOfAnotherSpace_QuerySeededFromTheLatestPlays()
    {
        var state = SessionState(4) with
        {
            RecentTrackIds = [Id(10), Id(35), "t999999999999999999999", Id(0)],
            LongTerm = Taste(Axis(0), "other-space"),
            Session = Taste(Axis(0), "other-space"),
        };

        var context = Context(state);

        // Rows 10 (e1) and 0 (e0) have vectors; 35 has none and the unknown id no row: weights 1 and 1/2.
        var norm = Math.Sqrt(1 + 0.25);
        Assert.Null(context.LongTermDirection);
        Assert.Null(context.SessionDirection);
        Assert.True(context.QueryIsSeeded);
        Assert.Equal(0.5 / norm, context.Query![0], 5);
        Assert.Equal(1 / norm, context.Query[1], 5);
    }

    [Fact]
    public void Create_TasteOfOtherDimensions_IgnoredAsAnotherSpace()
    {
        var context = Context(State(10) with { LongTerm = Taste([1f, 0f, 0f, 0f]) });

        Assert.Null(context.LongTermDirection);
        Assert.True(context.QueryIsSeeded);
    }

    [Fact]
    public void Create_SeedFromMoreThanSeedTracksPlays_OnlyTheNewestFiveCount()
    {
        // Five plays of artist B (axis 1), then one of artist A (axis 0): the sixth is not part of the seed.
        var context = Context(State(10, 11, 12, 13, 14, 0));

        Assert.True(context.QueryIsSeeded);
        Assert.Equal(0f, context.Query![0]);
    }

    [Fact]
    public void Create_NothingKnown_ColdStartWithoutQuery()
    {
        var context = Context(ListenerState.Empty, nowMs: null);

        Assert.True(context.IsColdStart);
        Assert.Null(context.Query);
        Assert.False(context.QueryIsSeeded);
        Assert.Equal(0, context.GapMinutes);
    }

    [Fact]
    public void Create_RequestBeforeTheNewestEvent_ClampedToIt()
    {
        var context = Context(State(1), nowMs: T0 - (60 * Minute));

        Assert.Equal(T0 / 1000, context.NowSeconds);
        Assert.Equal(0, context.GapMinutes);
    }

    [Fact]
    public void Create_RequestLaterThanTheNewestEvent_GapInMinutes()
    {
        var context = Context(State(1), nowMs: T0 + (90 * Minute));

        Assert.Equal(90, context.GapMinutes, 9);
        Assert.Equal((T0 / 1000) + 5400, context.NowSeconds);
    }

    [Fact]
    public void Create_History_ResolvedToRows()
    {
        var context = Context(State() with { History = [Entry(4, 2, next: 5)] });

        Assert.Equal([4], context.History.Rows);
        Assert.Equal(5, context.History.NextOf(4));
        Assert.False(context.IsColdStart);
    }
}
