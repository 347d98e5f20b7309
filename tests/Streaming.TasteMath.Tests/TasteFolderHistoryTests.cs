using Streaming.Contracts.Events;
using static Streaming.TasteMath.Tests.Events;

namespace Streaming.TasteMath.Tests;

/// <summary>The fold's own history, session co-listening window and session plays (vectors are not the point: no track has one).</summary>
public sealed class TasteFolderHistoryTests
{
    private readonly TasteFolder _folder = new(TasteParameters.Default);

    private TasteEffects Apply(UserTaste taste, ListeningEvent e) => _folder.Apply(taste, e, ReadOnlySpan<float>.Empty, "space");

    private UserTaste Fold(params ListeningEvent[] events)
    {
        var taste = new UserTaste();
        foreach (var e in events)
        {
            Apply(taste, e);
        }
        return taste;
    }

    private static HistoryEntry EntryOf(UserTaste taste, string track) =>
        taste.History.TryGet(TrackKey.Of(track), out var e) ? e : throw new Xunit.Sdk.XunitException($"{track} is not in the history");

    [Fact]
    public void Apply_PublicCountedPlay_EntersTheHistory()
    {
        var taste = Fold(Play("A", T0));

        Assert.Equal(new HistoryEntry(TrackKey.Of("A"), 1, 0, (uint)T0.ToUnixTimeSeconds(), TrackKey.None), EntryOf(taste, "A"));
    }

    [Fact]
    public void Apply_PublicSkippedPlay_SkipOnlyEntry()
    {
        var taste = Fold(Play("A", T0, ms: 5_000));

        Assert.Equal((0, 1), (EntryOf(taste, "A").Plays, EntryOf(taste, "A").Skips));
    }

    [Fact]
    public void Apply_SkipEvent_CountedAsSkip()
    {
        var taste = Fold(Play("A", T0), Of(ListeningEventKind.Skip, "A", T0.AddMinutes(4), ms: 2_000));

        Assert.Equal((1, 1), (EntryOf(taste, "A").Plays, EntryOf(taste, "A").Skips));
    }

    [Fact]
    public void Apply_PrivatePlayAndSkip_NeverInTheHistoryNorTheWindow()
    {
        var taste = new UserTaste();

        var play = Apply(taste, Play("A", T0, isPrivate: true));
        var skip = Apply(taste, Play("B", T0.AddMinutes(4), isPrivate: true, ms: 3_000));

        Assert.Equal(0, taste.History.Count);
        Assert.Empty(taste.SessionTracks);
        Assert.Null(play.CoListenedWith);
        Assert.Null(skip.CoListenedWith);
    }

    [Fact]
    public void Apply_PublicPlayAfterAPrivateOne_NotCoListenedWithIt()
    {
        var taste = new UserTaste();
        Apply(taste, Play("P", T0, isPrivate: true));

        var effects = Apply(taste, Play("A", T0.AddMinutes(4)));

        Assert.Null(effects.CoListenedWith);
        Assert.Equal(["A"], taste.SessionTracks);
    }

    [Fact]
    public void Apply_TwoPlaysInOneSession_FirstEntryNextIsTheSecond()
    {
        var taste = Fold(Play("A", T0), Play("B", T0.AddMinutes(4)));

        Assert.Equal(TrackKey.Of("B"), EntryOf(taste, "A").Next);
    }

    [Fact]
    public void Apply_SecondPlayInANewSession_NoNext()
    {
        var taste = Fold(Play("A", T0), Play("B", T0.AddMinutes(4), session: "s2"));

        Assert.Equal(TrackKey.None, EntryOf(taste, "A").Next);
    }

    [Fact]
    public void Apply_SecondPlayAfterTheSessionGap_NoNext()
    {
        var taste = Fold(Play("A", T0), Play("B", T0.AddMinutes(31)));

        Assert.Equal(TrackKey.None, EntryOf(taste, "A").Next);
    }

    [Fact]
    public void Apply_PrivatePlayBetween_NoNextAcrossIt()
    {
        var taste = Fold(Play("A", T0), Play("P", T0.AddMinutes(4), isPrivate: true), Play("B", T0.AddMinutes(8)));

        Assert.Equal(TrackKey.None, EntryOf(taste, "A").Next);
    }

    [Fact]
    public void Apply_SkipBetween_NextIsThePlayAfterTheSkip()
    {
        var taste = Fold(Play("A", T0), Play("X", T0.AddMinutes(4), ms: 3_000), Play("B", T0.AddMinutes(5)));

        Assert.Equal(TrackKey.Of("B"), EntryOf(taste, "A").Next);
        Assert.Equal(TrackKey.None, EntryOf(taste, "X").Next);
    }

    [Fact]
    public void Apply_CountedPlays_CoListenedWithTheWindowsOtherTracks()
    {
        var taste = new UserTaste();

        var a = Apply(taste, Play("A", T0));
        var b = Apply(taste, Play("B", T0.AddMinutes(4)));
        var c = Apply(taste, Play("C", T0.AddMinutes(8)));

        Assert.Null(a.CoListenedWith);
        Assert.Equal(["A"], b.CoListenedWith);
        Assert.Equal(["A", "B"], c.CoListenedWith);
        Assert.Equal(["A", "B", "C"], taste.SessionTracks);
    }

    [Fact]
    public void Apply_RepeatInTheWindow_PartnersDistinctAndNeverItself()
    {
        var taste = Fold(Play("A", T0), Play("B", T0.AddMinutes(4)), Play("A", T0.AddMinutes(8)));

        var effects = Apply(taste, Play("B", T0.AddMinutes(12)));

        Assert.Equal(["A"], effects.CoListenedWith);
    }

    [Fact]
    public void Apply_MoreThanSessionWindowPlays_OldestLeaveTheWindow()
    {
        var taste = Fold([.. Enumerable.Range(0, 6).Select(i => Play("T" + i, T0.AddMinutes(4 * i)))]);

        var effects = Apply(taste, Play("T6", T0.AddMinutes(24)));

        // Window 5: T1..T5 before this play, T2..T6 after.
        Assert.Equal(["T1", "T2", "T3", "T4", "T5"], effects.CoListenedWith);
        Assert.Equal(["T2", "T3", "T4", "T5", "T6"], taste.SessionTracks);
    }

    [Fact]
    public void Apply_NewSession_WindowCleared()
    {
        var taste = Fold(Play("A", T0), Play("B", T0.AddMinutes(4)));

        var effects = Apply(taste, Play("C", T0.AddMinutes(8), session: "s2"));

        Assert.Null(effects.CoListenedWith);
        Assert.Equal(["C"], taste.SessionTracks);
    }

    [Fact]
    public void Apply_Skip_NotInTheWindow()
    {
        var taste = Fold(Play("A", T0), Play("X", T0.AddMinutes(4), ms: 3_000));

        var effects = Apply(taste, Play("B", T0.AddMinutes(5)));

        Assert.Equal(["A"], effects.CoListenedWith);
        Assert.Equal(["A", "B"], taste.SessionTracks);
    }

    [Fact]
    public void Apply_LateEventOfAnOlderSession_InTheHistoryButNotTheWindow()
    {
        var taste = Fold(Play("A", T0, session: "s1"), Play("B", T0.AddMinutes(4), session: "s2"));

        var effects = Apply(taste, Play("C", T0.AddMinutes(2), session: "s1"));

        Assert.Null(effects.CoListenedWith);
        Assert.Equal(["B"], taste.SessionTracks);
        Assert.Equal(1, EntryOf(taste, "C").Plays);
        Assert.Equal(TrackKey.None, EntryOf(taste, "A").Next);
    }

    [Fact]
    public void Apply_PlaysOfTheSession_SessionPlaysCountsEachOnce()
    {
        var taste = Fold(
            Of(ListeningEventKind.PlayStarted, "A", T0),
            Play("A", T0.AddMinutes(3)),
            Play("P", T0.AddMinutes(6), isPrivate: true),
            Play("X", T0.AddMinutes(7), ms: 3_000));

        // The recent list got A once, P and X: all three are this session's.
        Assert.Equal(3, taste.SessionPlays);
    }

    [Fact]
    public void Apply_NewSession_SessionPlaysRestart()
    {
        var taste = Fold(Play("A", T0), Play("B", T0.AddMinutes(4)), Play("C", T0.AddMinutes(8), session: "s2"));

        Assert.Equal(1, taste.SessionPlays);
    }

    [Fact]
    public void Clone_ThenFold_OriginalHistoryAndWindowUnchanged()
    {
        var taste = Fold(Play("A", T0));

        var clone = taste.Clone();
        Apply(clone, Play("B", T0.AddMinutes(4)));

        Assert.Equal(1, taste.History.Count);
        Assert.Equal(["A"], taste.SessionTracks);
        Assert.Equal(TrackKey.None, EntryOf(taste, "A").Next);
        Assert.Equal(2, clone.History.Count);
    }
}
