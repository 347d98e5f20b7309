using Streaming.NextTrack.Candidates;
using static Streaming.NextTrack.Tests.TestWorld;

namespace Streaming.NextTrack.Tests;

public sealed class SuccessorSourceTests
{
    /// <summary>Three sources, newest first: weights 1, 1/2, 1/4.</summary>
    private static readonly SourceLists Lists = new(
        [[], [], []],
        [Rows((5, 1f), (8, 1f)), Rows((6, 3f), (8, 1f)), Rows((7, 8f))]);

    [Fact]
    public void Candidates_ThreeSources_WeightsOneHalfQuarter()
    {
        var candidates = SuccessorSource.Candidates(Excluding(), Lists, 10);

        // 7: 8/4 = 2; 6: 3/2 = 1.5; 8: 1 + 1/2 = 1.5 (tie: lower row first); 5: 1.
        Assert.Equal([7, 6, 8, 5], candidates.Select(c => c.Row));
        Assert.Equal([2f, 1.5f, 1.5f, 1f], candidates.Select(c => c.Score));
    }

    [Fact]
    public void Candidates_ExcludedRows_NeverAppear()
    {
        var candidates = SuccessorSource.Candidates(Excluding(7, 8), Lists, 10);

        Assert.Equal([6, 5], candidates.Select(c => c.Row));
    }

    [Fact]
    public void Candidates_Take_Bounded()
    {
        Assert.Equal([7], SuccessorSource.Candidates(Excluding(), Lists, 1).Select(c => c.Row));
        Assert.Empty(SuccessorSource.Candidates(Excluding(), Lists, 0));
    }

    [Fact]
    public void Candidates_NoSourcesOrEmptyLists_Empty()
    {
        Assert.Empty(SuccessorSource.Candidates(Excluding(), SourceLists.None(0), 10));
        Assert.Empty(SuccessorSource.Candidates(Excluding(), SourceLists.None(2), 10));
    }

    [Fact]
    public void Candidates_OnlyCoListeningLists_IgnoresThem()
    {
        var lists = new SourceLists([Rows((5, 9f))], [[]]);

        Assert.Empty(SuccessorSource.Candidates(Excluding(), lists, 10));
    }
}
