namespace Streaming.TasteMath.Tests;

public sealed class ListeningHistoryTests
{
    private static readonly TasteParameters Parameters = TasteParameters.Default;
    private static readonly TasteParameters Ten = TasteParameters.Default with { HistoryCapacity = 10, HistoryFrequencyCredit = TimeSpan.FromDays(30) };
    private const long T = 1_750_000_000_000L;
    private const long Second = 1000;
    private const long Day = 86_400_000;
    private const ulong A = 101, B = 102, C = 103;

    private static HistoryEntry Get(ListeningHistory history, ulong track) =>
        history.TryGet(track, out var e) ? e : throw new Xunit.Sdk.XunitException($"track {track} is not in the history");

    [Fact]
    public void RecordPlay_NewTrack_OnePlayAtItsSecond()
    {
        var history = new ListeningHistory();

        history.RecordPlay(A, T + 999, TrackKey.None, Parameters);

        Assert.Equal(new HistoryEntry(A, 1, 0, (uint)(T / 1000), TrackKey.None), Get(history, A));
    }

    [Fact]
    public void RecordPlay_Again_CountsAndMovesTheLastPlay()
    {
        var history = new ListeningHistory();
        history.RecordPlay(A, T, TrackKey.None, Parameters);

        history.RecordPlay(A, T + (60 * Second), TrackKey.None, Parameters);

        Assert.Equal(2, Get(history, A).Plays);
        Assert.Equal((uint)(T / 1000) + 60, Get(history, A).LastSeconds);
        Assert.Equal(1, history.Count);
    }

    [Fact]
    public void RecordPlay_LateEvent_LastPlayStaysTheNewest()
    {
        var history = new ListeningHistory();
        history.RecordPlay(A, T, TrackKey.None, Parameters);

        history.RecordPlay(A, T - Day, TrackKey.None, Parameters);

        Assert.Equal((uint)(T / 1000), Get(history, A).LastSeconds);
    }

    [Fact]
    public void RecordPlayAndSkip_AtTheMaximum_Saturate()
    {
        var history = new ListeningHistory([new HistoryEntry(A, ushort.MaxValue, ushort.MaxValue, 1, TrackKey.None)]);

        history.RecordPlay(A, T, TrackKey.None, Parameters);
        history.RecordSkip(A, T, Parameters);

        Assert.Equal(ushort.MaxValue, Get(history, A).Plays);
        Assert.Equal(ushort.MaxValue, Get(history, A).Skips);
    }

    [Fact]
    public void RecordSkip_NewTrack_SkipOnlyEntryAtTheSkip()
    {
        var history = new ListeningHistory();

        history.RecordSkip(A, T, Parameters);

        Assert.Equal(new HistoryEntry(A, 0, 1, (uint)(T / 1000), TrackKey.None), Get(history, A));
    }

    [Fact]
    public void RecordSkip_PlayedTrack_LastPlayTimeKept()
    {
        var history = new ListeningHistory();
        history.RecordPlay(A, T, TrackKey.None, Parameters);

        history.RecordSkip(A, T + Day, Parameters);

        Assert.Equal((uint)(T / 1000), Get(history, A).LastSeconds);
        Assert.Equal(1, Get(history, A).Skips);
    }

    [Fact]
    public void RecordSkip_NeverPlayed_LastIsTheLatestSkip()
    {
        var history = new ListeningHistory();
        history.RecordSkip(A, T, Parameters);

        history.RecordSkip(A, T + Day, Parameters);

        Assert.Equal((uint)((T + Day) / 1000), Get(history, A).LastSeconds);
        Assert.Equal(2, Get(history, A).Skips);
    }

    [Fact]
    public void RecordPlay_AfterAPreviousPlay_PreviousEntryPointsToIt()
    {
        var history = new ListeningHistory();
        history.RecordPlay(A, T, TrackKey.None, Parameters);

        history.RecordPlay(B, T + 1, A, Parameters);

        Assert.Equal(B, Get(history, A).Next);
        Assert.Equal(TrackKey.None, Get(history, B).Next);
    }

    [Fact]
    public void RecordPlay_PlayedAfterSomethingElseLater_NextIsTheLastTime()
    {
        var history = new ListeningHistory();
        history.RecordPlay(A, T, TrackKey.None, Parameters);
        history.RecordPlay(B, T + 1, A, Parameters);
        history.RecordPlay(A, T + 2, TrackKey.None, Parameters);

        history.RecordPlay(C, T + 3, A, Parameters);

        Assert.Equal(C, Get(history, A).Next);
    }

    [Fact]
    public void RecordPlay_NoPreviousInTheSession_NextUnchanged()
    {
        var history = new ListeningHistory();
        history.RecordPlay(A, T, TrackKey.None, Parameters);
        history.RecordPlay(B, T + 1, A, Parameters);

        history.RecordPlay(A, T + 2, TrackKey.None, Parameters);

        Assert.Equal(B, Get(history, A).Next);
    }

    [Fact]
    public void RecordPlay_RepeatOfThePrevious_NoSelfLoop()
    {
        var history = new ListeningHistory();
        history.RecordPlay(A, T, TrackKey.None, Parameters);

        history.RecordPlay(A, T + 1, A, Parameters);

        Assert.Equal(TrackKey.None, Get(history, A).Next);
    }

    [Fact]
    public void RecordPlay_PreviousNotInTheHistory_NothingCreatedForIt()
    {
        var history = new ListeningHistory();

        history.RecordPlay(B, T, A, Parameters);

        Assert.Equal(1, history.Count);
        Assert.False(history.TryGet(A, out _));
    }

    [Fact]
    public void Add_BeyondCapacity_TheLeastRecentGoATenthAtOnce()
    {
        var history = new ListeningHistory();
        for (ulong track = 1; track <= 10; track++)
        {
            history.RecordPlay(track, T + ((long)track * Second), TrackKey.None, Ten);
        }
        Assert.Equal(10, history.Count);

        history.RecordPlay(11, T + (11 * Second), TrackKey.None, Ten);

        // 11 > 10: keep 10 - 10/10 = 9; tracks 1 and 2 are the least recent.
        Assert.Equal(Enumerable.Range(3, 9).Select(i => (ulong)i), history.Entries.Select(e => e.Track).Order());
    }

    [Fact]
    public void Add_BeyondCapacity_OftenPlayedOlderTrackOutlivesRecentOnes()
    {
        var history = new ListeningHistory();
        // Track 1: 3 plays a day before the others: retention + 30 days x log2(4) = 60 days.
        for (var i = 0; i < 3; i++)
        {
            history.RecordPlay(1, T, TrackKey.None, Ten);
        }
        for (ulong track = 2; track <= 11; track++)
        {
            history.RecordPlay(track, T + Day + ((long)track * Second), TrackKey.None, Ten);
        }

        Assert.True(history.TryGet(1, out _));
        Assert.False(history.TryGet(2, out _));
        Assert.False(history.TryGet(3, out _));
        Assert.Equal(9, history.Count);
    }

    [Fact]
    public void Add_BeyondCapacity_SevenPlaysOutliveOnePlayUpToThreeCreditsLater()
    {
        var history = new ListeningHistory();
        // Retention = last play + 30 days x log2(1 + plays): track 1 (7 plays at T) T + 90 d, track 2 (once at T + 59 d)
        // T + 89 d, track 3 (once at T) T + 30 d, tracks 4..11 (once at T + 100 d) T + 130 d. Two go: 3 and 2.
        for (var i = 0; i < 7; i++)
        {
            history.RecordPlay(1, T, TrackKey.None, Ten);
        }
        history.RecordPlay(2, T + (59 * Day), TrackKey.None, Ten);
        history.RecordPlay(3, T, TrackKey.None, Ten);
        for (ulong track = 4; track <= 11; track++)
        {
            history.RecordPlay(track, T + (100 * Day) + (long)track, TrackKey.None, Ten);
        }

        Assert.True(history.TryGet(1, out _));
        Assert.False(history.TryGet(2, out _));
        Assert.False(history.TryGet(3, out _));
    }

    [Fact]
    public void Add_BeyondCapacity_SameSequenceSameHistory()
    {
        static ListeningHistory Build()
        {
            var history = new ListeningHistory();
            for (var i = 0; i < 40; i++)
            {
                var track = (ulong)(((i * 7) % 13) + 1);
                history.RecordPlay(track, T + ((i % 5) * Day), (ulong)(((i * 3) % 13) + 1), Ten);
            }
            return history;
        }

        var first = Build();
        var second = Build();

        Assert.Equal(first.Entries, second.Entries);
    }

    [Fact]
    public void Add_AfterEviction_EverySurvivorFoundByItsKey()
    {
        var history = new ListeningHistory();
        for (ulong track = 1; track <= 11; track++)
        {
            history.RecordPlay(track, T + ((long)track * Second), track - 1, Ten);
        }

        foreach (var e in history.Entries)
        {
            Assert.Equal(e, Get(history, e.Track));
        }
        // 10 was linked to 11 after the eviction dropped 1 and 2.
        Assert.Equal(11UL, Get(history, 10).Next);
    }

    [Fact]
    public void Clone_ThenRecord_OriginalUnchanged()
    {
        var history = new ListeningHistory();
        history.RecordPlay(A, T, TrackKey.None, Parameters);

        var clone = history.Clone();
        clone.RecordPlay(A, T + 1, TrackKey.None, Parameters);
        clone.RecordPlay(B, T + 2, A, Parameters);

        Assert.Equal(1, history.Count);
        Assert.Equal(new HistoryEntry(A, 1, 0, (uint)(T / 1000), TrackKey.None), Get(history, A));
    }
}
