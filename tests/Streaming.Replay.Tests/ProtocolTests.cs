using Streaming.Replay.Protocol;
using static Streaming.Replay.Tests.TestData;

namespace Streaming.Replay.Tests;

public sealed class ProtocolTests
{
    [Theory]
    [InlineData(10, 7)]
    [InlineData(1, 0)]
    [InlineData(3, 2)]
    [InlineData(0, 0)]
    [InlineData(8611, 6027)]
    public void WarmupCount_IsFloorOfSeventyPercent(int plays, int expected) =>
        Assert.Equal(expected, ReplayProtocol.WarmupCount(plays));

    [Theory]
    [InlineData(29_999, true)]
    [InlineData(30_000, false)]
    [InlineData(0, true)]
    public void IsSkip_UnderThirtySeconds(int msPlayed, bool expected) =>
        Assert.Equal(expected, ReplayProtocol.IsSkip(msPlayed));

    [Fact]
    public void Build_TenPlaysOutOfOrder_FirstSevenByTimeWarmUp()
    {
        // Given out of time order: the split is by time, not by file position.
        var minutes = new[] { 9, 0, 8, 1, 7, 2, 6, 3, 5, 4 };
        var user = User("u", minutes.Select(m => Play($"t{m}", m)).OrderBy(p => p.OccurredAt).ToArray());

        var timeline = ReplayTimeline.Build(Dataset(user));

        Assert.Equal(Enumerable.Range(0, 10).Select(m => $"t{m}"), timeline.Events.Select(e => e.TrackId));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => i >= 7), timeline.Events.Select(e => e.IsScoredPhase));
    }

    [Fact]
    public void Build_TwoUsers_GlobalTimeOrderTiesByUserThenPlay()
    {
        var first = User("b-first", Play("x1", 0), Play("x2", 5), Play("x3", 5));
        var second = User("a-second", Play("y1", 1), Play("y2", 5));

        var timeline = ReplayTimeline.Build(Dataset(first, second));

        // Equal times: the dataset's user order, then the user's own order.
        Assert.Equal(["x1", "y1", "x2", "x3", "y2"], timeline.Events.Select(e => e.TrackId));
        Assert.Equal([0, 1, 2, 3, 4], timeline.Events.Select(e => e.GlobalIndex));
        Assert.Equal(["b-first:0000002", "b-first:0000000"], new[] { timeline.Events[3].EventId, timeline.Events[0].EventId });
    }

    [Fact]
    public void Build_SplitIsPerUser()
    {
        var big = User("big", Enumerable.Range(0, 10).Select(i => Play($"b{i}", i)).ToArray());
        var small = User("small", Enumerable.Range(0, 3).Select(i => Play($"s{i}", 100 + i)).ToArray());

        var timeline = ReplayTimeline.Build(Dataset(big, small));

        Assert.Equal(3, timeline.Events.Count(e => e.UserId == "big" && e.IsScoredPhase));
        Assert.Equal(["s2"], timeline.Events.Where(e => e.UserId == "small" && e.IsScoredPhase).Select(e => e.TrackId));
    }

    [Fact]
    public void Assign_GapOfExactlyThirtyMinutes_SameSession()
    {
        var ids = SessionSplitter.Assign("u", [T0, T0.AddMinutes(30), T0.AddMinutes(60).AddSeconds(1), T0.AddMinutes(61)]);

        Assert.Equal(["u-s00000", "u-s00000", "u-s00001", "u-s00001"], ids);
    }

    [Fact]
    public void Inspect_RepeatWithinLastTwenty_NotATarget()
    {
        var keys = new TrackKeys();
        var selector = new TargetSelector();
        var plays = new[] { "a", "b", "a" };
        var decisions = new List<TargetDecision>();
        for (var i = 0; i < plays.Length; i++)
        {
            var e = Event(keys, 0, plays[i], i, index: i);
            decisions.Add(selector.Inspect(e));
            selector.Observe(e);
        }

        Assert.Equal([true, true, false], decisions.Select(d => d.IsTarget));
        Assert.Equal(new HashSet<int> { keys.Find("a") }, decisions[1].Exclude);
    }

    [Fact]
    public void Inspect_TrackPlayedTwentyOnePlaysAgo_IsATargetAgain()
    {
        var keys = new TrackKeys();
        var selector = new TargetSelector();
        TargetDecision? last = null;
        var tracks = new[] { "a" }.Concat(Enumerable.Range(0, 20).Select(i => $"f{i}")).Append("a").ToArray();
        for (var i = 0; i < tracks.Length; i++)
        {
            var e = Event(keys, 0, tracks[i], i, index: i);
            last = selector.Inspect(e);
            selector.Observe(e);
        }

        Assert.True(last!.IsTarget);
        Assert.Equal(20, last.Exclude.Count);
        Assert.DoesNotContain(keys.Find("a"), last.Exclude);
    }

    [Fact]
    public void Inspect_SkipStillCountsAmongTheLastTwenty()
    {
        var keys = new TrackKeys();
        var selector = new TargetSelector();
        var skipped = Event(keys, 0, "a", 0, msPlayed: 5_000);
        var skipDecision = selector.Inspect(skipped);
        selector.Observe(skipped);
        var replay = selector.Inspect(Event(keys, 0, "a", 1, index: 1));

        Assert.False(skipDecision.IsTarget);
        Assert.False(replay.IsTarget);
    }

    [Fact]
    public void Inspect_WarmupPlay_NotATarget()
    {
        var keys = new TrackKeys();
        var e = Event(keys, 0, "a", 0) with { IsScoredPhase = false };
        Assert.False(new TargetSelector().Inspect(e).IsTarget);
    }

    [Fact]
    public void PlayIndexOf_OwnEventId_RoundTrips()
    {
        Assert.Equal(123, ReplayIds.PlayIndexOf("listener-01", ReplayIds.EventId("listener-01", 123)));
        Assert.Null(ReplayIds.PlayIndexOf("listener-0", ReplayIds.EventId("listener-01", 123)));
        Assert.Null(ReplayIds.PlayIndexOf("listener-01", "probe-1:0000001"));
        Assert.Null(ReplayIds.PlayIndexOf("listener-01", null));
    }

    [Fact]
    public void UserId_InvalidCharacters_Replaced() =>
        Assert.Equal("mpd-my-list-1", ReplayIds.UserId("my list:1", "mpd-"));
}
