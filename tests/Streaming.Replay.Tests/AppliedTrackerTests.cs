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
}
