using Streaming.Replay.Live;
using Streaming.Replay.Protocol;

namespace Streaming.Replay.Tests;

public sealed class AppliedTrackerTests
{
    private static NextAnswer Applied(string? eventId) => new([], eventId, null);

    [Fact]
    public void Outstanding_PostedMinusApplied_SummedOverUsers()
    {
        var tracker = new AppliedTracker(["a", "b"]);
        tracker.Posted(0, 9);
        tracker.Posted(1, 4);

        Assert.Equal(3, tracker.Observe(0, Applied(ReplayIds.EventId("a", 3))));

        Assert.Equal(6, tracker.OutstandingOf(0));
        Assert.Equal(5, tracker.OutstandingOf(1));
        Assert.Equal(11, tracker.Outstanding);
        Assert.Equal([0, 1], tracker.MostBehind(5));
    }

    [Fact]
    public void Observe_ForeignOrMissingId_Ignored()
    {
        var tracker = new AppliedTracker(["a"]);
        tracker.Posted(0, 2);

        Assert.Null(tracker.Observe(0, Applied(null)));
        Assert.Null(tracker.Observe(0, Applied("probe-1:0000009")));
        Assert.Equal(3, tracker.Outstanding);
    }

    [Fact]
    public void Observe_OlderThanKnown_DoesNotGoBack()
    {
        var tracker = new AppliedTracker(["a"]);
        tracker.Posted(0, 5);
        tracker.Observe(0, Applied(ReplayIds.EventId("a", 4)));
        tracker.Observe(0, Applied(ReplayIds.EventId("a", 1)));

        Assert.Equal(1, tracker.Outstanding);
    }

    [Fact]
    public void Observe_EventNotPostedYet_CountedAheadOfPosted()
    {
        var tracker = new AppliedTracker(["a"]);
        tracker.Posted(0, 1);
        tracker.Observe(0, Applied(ReplayIds.EventId("a", 7)));

        Assert.Equal(1, tracker.AheadOfPosted);
        Assert.Equal(0, tracker.Outstanding);
    }

    [Fact]
    public void Crc32_CheckValue_MatchesZlib() =>
        Assert.Equal(0xCBF43926u, KafkaPartitions.Crc32("123456789"u8));

    [Fact]
    public void InFlightOfPartition_SumsUsersOfThePartitionAndReservations()
    {
        string[] users = ["a", "b", "c"];
        var tracker = new AppliedTracker(users, partitions: 2);
        var pa = tracker.PartitionOf(0);
        tracker.Posted(0, 4);
        tracker.Posted(1, 2);
        tracker.Posted(2, 1);
        tracker.Reserve(0, 10);

        var expected = 5 + 10 + (tracker.PartitionOf(1) == pa ? 3 : 0) + (tracker.PartitionOf(2) == pa ? 2 : 0);
        Assert.Equal(expected, tracker.InFlightOfPartition(pa));
        Assert.Equal(20, tracker.InFlight);

        tracker.Release(0, 10);
        Assert.Equal(10, tracker.InFlight);
        Assert.Equal(10, tracker.Outstanding);
    }
}
