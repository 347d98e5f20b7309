using Streaming.NextTrack.Candidates;
using static Streaming.NextTrack.Tests.TestWorld;

namespace Streaming.NextTrack.Tests;

public sealed class TrendingSourceTests
{
    private static readonly IReadOnlyList<ScoredRow> Trending = Rows((20, 1f), (5, 0.8f), (31, 0.5f), (2, 0.1f));

    [Fact]
    public void Candidates_TrendingList_KeptInItsOrder()
    {
        Assert.Equal(Trending, TrendingSource.Candidates(Excluding(), Trending, 10));
    }

    [Fact]
    public void Candidates_ExcludedRows_SkippedAndTheNextTaken()
    {
        var candidates = TrendingSource.Candidates(Excluding(5), Trending, 2);

        Assert.Equal([20, 31], candidates.Select(c => c.Row));
    }

    [Fact]
    public void Candidates_Take_Bounded()
    {
        Assert.Equal([20], TrendingSource.Candidates(Excluding(), Trending, 1).Select(c => c.Row));
        Assert.Empty(TrendingSource.Candidates(Excluding(), Trending, 0));
    }

    [Fact]
    public void Candidates_NoTrending_Empty()
    {
        Assert.Empty(TrendingSource.Candidates(Excluding(), [], 10));
    }
}
