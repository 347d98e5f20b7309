using Streaming.NextTrack.Features;
using Streaming.NextTrack.Training;
using static Streaming.NextTrack.Tests.TestWorld;

namespace Streaming.NextTrack.Tests;

public sealed class TrainingSetTests
{
    /// <summary>A listener who played 12 after 3 before and just played 3: 12 is in the pool (own successor), 39 is not.</summary>
    private static SimulatedTarget TargetOf(int row, string user = "u1", bool isPrivate = false)
    {
        var context = Context(State(3) with { History = [Entry(3, 1, next: 12)] });
        var play = new SimulatedPlay(user, "e1", row >= 0 ? Id(row) : "t999999999999999999999", "s1", DateTimeOffset.UnixEpoch, 180_000, null, isPrivate, PlayPhase.Warmup);
        return new SimulatedTarget(play, row, context, SourceLists.None(1), []);
    }

    [Fact]
    public void Add_TargetInThePool_OneGroupLabellingItsSlot()
    {
        var set = new TrainingSet();
        var target = TargetOf(12);

        set.Add(target);

        var group = Assert.Single(set.Groups);
        var slot = NextTrackRanking.BuildPool(target.Context, target.Lists, target.Trending).SlotOf(12);
        Assert.Equal(FeatureNames.Count, group.FeatureCount);
        Assert.Equal(1f, group.Labels[slot]);
        Assert.Equal(1f, group.Labels.ToArray().Sum());
        Assert.Equal(1f, group.Row(slot)[FeatureNames.OwnNextOfLast]);
        Assert.Equal(["u1"], set.Users);
        Assert.Equal(0, set.Missed);
    }

    [Fact]
    public void Add_TargetMissedByThePoolOrUnknown_OnlyCounted()
    {
        var set = new TrainingSet();

        set.Add(TargetOf(39));
        set.Add(TargetOf(-1, user: "u2"));

        Assert.Empty(set.Groups);
        Assert.Empty(set.Users);
        Assert.Equal(2, set.Targets);
        Assert.Equal(2, set.Missed);
        Assert.Equal(1, set.TargetsOfUsers["u2"]);
    }

    [Fact]
    public void Add_PrivateSessionTarget_NeverALabel()
    {
        var set = new TrainingSet();

        set.Add(TargetOf(12, isPrivate: true));

        Assert.Empty(set.Groups);
        Assert.Empty(set.Users);
        Assert.Equal(0, set.Targets);
        Assert.Empty(set.TargetsOfUsers);
    }
}
