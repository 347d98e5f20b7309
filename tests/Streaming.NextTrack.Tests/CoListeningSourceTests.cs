using Streaming.NextTrack.Candidates;
using static Streaming.NextTrack.Tests.TestWorld;

namespace Streaming.NextTrack.Tests;

public sealed class CoListeningSourceTests
{
    /// <summary>Three sources, newest first: weights 1, 1/2, 1/3.</summary>
    private static readonly SourceLists Lists = new(
        [Rows((5, 2f), (6, 1f)), Rows((6, 4f), (7, 3f)), Rows((7, 3f))],
        [[], [], []]);

    [Fact]
    public void Candidates_ThreeSources_WeightsOneHalfThird()
    {
        var candidates = CoListeningSource.Candidates(Excluding(), Lists, 10);

        // 6: 1 + 4/2 = 3; 7: 3/2 + 3/3 = 2.5; 5: 2.
        Assert.Equal([6, 7, 5], candidates.Select(c => c.Row));
        Assert.Equal([3f, 2.5f, 2f], candidates.Select(c => c.Score));
    }

    [Fact]
    public void Candidates_ExcludedRow_NeverAppears()
    {
        var candidates = CoListeningSource.Candidates(Excluding(6), Lists, 10);

        Assert.Equal([7, 5], candidates.Select(c => c.Row));
    }

    [Fact]
    public void Candidates_Take_Bounded()
    {
        Assert.Equal([6, 7], CoListeningSource.Candidates(Excluding(), Lists, 2).Select(c => c.Row));
        Assert.Empty(CoListeningSource.Candidates(Excluding(), Lists, 0));
    }

    [Fact]
    public void Candidates_NoSourcesOrEmptyLists_Empty()
    {
        Assert.Empty(CoListeningSource.Candidates(Excluding(), SourceLists.None(0), 10));
        Assert.Empty(CoListeningSource.Candidates(Excluding(), SourceLists.None(3), 10));
    }

    [Fact]
    public void Candidates_OnlySuccessorLists_IgnoresThem()
    {
        var lists = new SourceLists([[]], [Rows((5, 9f))]);

        Assert.Empty(CoListeningSource.Candidates(Excluding(), lists, 10));
    }
}
