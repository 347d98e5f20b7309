using Streaming.Contracts.Events;
using Streaming.TasteMath;
using Streaming.TasteStore;

namespace Streaming.TasteStore.Tests;

public sealed class UserWriteTests
{
    private static readonly DateTimeOffset At = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Record_CountedPlayAfterAnother_PushesCountsAndLinksTheTransition()
    {
        var write = new UserWrite(StoredUserState.New("u1"));
        var aggregates = new AggregateBatch(new TasteStoreOptions(), new TasteKeys("t:", 4));

        write.Record(Event("e1", "track-b"), new TasteEffects { PushRecent = true, CountPlay = true, TransitionFrom = "track-a" }, aggregates);

        Assert.Equal(["track-b"], write.RecentPushes);
        Assert.Equal(1, write.PlayIncrements[TasteKeys.PlaysField(2025, "track-b")]);
        Assert.Equal(2, aggregates.Count);
        Assert.True(aggregates.Transitions["track-a"].ContainsKey("track-b"));
        Assert.Equal([("e1", At.ToUnixTimeMilliseconds())], write.AppliedEvents);
        Assert.Empty(write.SessionSkips);
    }

    [Fact]
    public void Record_SkipInANewSession_DropsEarlierSkipsAndCountsNothing()
    {
        var write = new UserWrite(StoredUserState.New("u1"));
        var aggregates = new AggregateBatch(new TasteStoreOptions(), new TasteKeys("t:", 4));
        write.Record(Event("e1", "track-a"), new TasteEffects { AddSessionSkip = true }, aggregates);

        write.Record(Event("e2", "track-b"), new TasteEffects { SessionReset = true, AddSessionSkip = true }, aggregates);

        Assert.True(write.ResetSessionSkips);
        Assert.Equal(["track-b"], write.SessionSkips);
        Assert.Empty(write.PlayIncrements);
        Assert.Equal(0, aggregates.Count);
        Assert.Equal(["e1", "e2"], write.AppliedEvents.Select(a => a.EventId));
    }

    [Fact]
    public void Record_CoListenedPlay_EveryPartnerBothDirections()
    {
        var write = new UserWrite(StoredUserState.New("u1"));
        var aggregates = new AggregateBatch(new TasteStoreOptions(), new TasteKeys("t:", 4));

        write.Record(Event("e1", "track-c"), new TasteEffects { PushRecent = true, CountPlay = true, CoListenedWith = ["track-a", "track-b"] }, aggregates);

        Assert.Equal(["track-c"], aggregates.CoListening["track-a"].Keys);
        Assert.Equal(["track-c"], aggregates.CoListening["track-b"].Keys);
        Assert.Equal(["track-a", "track-b"], aggregates.CoListening["track-c"].Keys.Order());
    }

    [Fact]
    public void Record_NoCoListening_NothingInTheBatch()
    {
        var write = new UserWrite(StoredUserState.New("u1"));
        var aggregates = new AggregateBatch(new TasteStoreOptions(), new TasteKeys("t:", 4));

        write.Record(Event("e1", "track-c"), new TasteEffects { PushRecent = true, CountPlay = true }, aggregates);

        Assert.Empty(aggregates.CoListening);
    }

    private static ListeningEvent Event(string id, string trackId) => new()
    {
        EventId = id,
        UserId = "u1",
        TrackId = trackId,
        SessionId = "s1",
        Kind = ListeningEventKind.PlayEnded,
        OccurredAt = At,
        MsPlayed = 180_000,
        TrackDurationMs = 180_000,
    };
}
