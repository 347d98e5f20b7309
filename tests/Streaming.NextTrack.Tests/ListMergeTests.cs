using Streaming.NextTrack.Candidates;

namespace Streaming.NextTrack.Tests;

public sealed class ListMergeTests
{
    [Fact]
    public void Merge_RowInSeveralLists_WeightedSumOfItsScores()
    {
        IReadOnlyList<ScoredRow>[] lists = [TestWorld.Rows((1, 2f), (2, 1f)), TestWorld.Rows((2, 3f))];

        var merged = ListMerge.Merge(lists, s => s == 0 ? 1.0 : 10.0, new ExclusionSet(), 10);

        Assert.Equal([new ScoredRow(2, 31f), new ScoredRow(1, 2f)], merged);
    }

    [Fact]
    public void Merge_ExcludedRow_LeftOutOfEveryList()
    {
        var excluded = new ExclusionSet();
        excluded.Add(2);

        var merged = ListMerge.Merge([TestWorld.Rows((1, 2f), (2, 5f)), TestWorld.Rows((2, 3f))], _ => 1.0, excluded, 10);

        Assert.Equal([new ScoredRow(1, 2f)], merged);
    }

    [Fact]
    public void Top_EqualScores_LowerRowFirst()
    {
        var top = ListMerge.Top(new Dictionary<int, double> { [9] = 1, [4] = 1, [6] = 2 }, 10);

        Assert.Equal([6, 4, 9], top.Select(r => r.Row));
    }

    [Fact]
    public void Top_Take_Bounded()
    {
        var top = ListMerge.Top(new Dictionary<int, double> { [1] = 3, [2] = 2, [3] = 1 }, 2);

        Assert.Equal([1, 2], top.Select(r => r.Row));
    }

    [Fact]
    public void Merge_TakeZero_Empty()
    {
        Assert.Empty(ListMerge.Merge([TestWorld.Rows((1, 2f))], _ => 1.0, new ExclusionSet(), 0));
    }
}
