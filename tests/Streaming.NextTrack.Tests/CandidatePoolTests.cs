using Streaming.NextTrack.Candidates;
using static Streaming.NextTrack.Tests.TestWorld;

namespace Streaming.NextTrack.Tests;

public sealed class CandidatePoolTests
{
    [Fact]
    public void Add_RowInSeveralSources_OneSlotWithEachRankAndScore()
    {
        var pool = new CandidatePool();
        pool.AddHistory(Rows((4, 2f)));
        pool.AddCoListening(Rows((7, 3f), (4, 1f)));
        pool.AddSuccessors(Rows((4, 0.5f)));
        pool.AddVectorNeighbours(Rows((9, 0.9f), (4, 0.8f)));
        pool.AddTrending(Rows((4, 0.25f)));

        Assert.Equal([4, 7, 9], pool.Rows);
        var s = pool.Signal[pool.SlotOf(4)];
        Assert.Equal(new CandidatePool.Signals(0, 2f, 1, 1f, 0, 0.5f, 1, 0, 0.25f), s);
    }

    [Fact]
    public void Add_RowAbsentFromASource_RankMinusOneScoreZero()
    {
        var pool = new CandidatePool();
        pool.AddTrending(Rows((4, 0.25f)));

        Assert.Equal(CandidatePool.Signals.Absent with { TrendingRank = 0, Trending = 0.25f }, pool.Signal[0]);
        Assert.Equal(-1, pool.SlotOf(5));
    }

    [Fact]
    public void Add_ScoredSources_TrackTheirMaximum()
    {
        var pool = new CandidatePool();
        pool.AddHistory(Rows((1, 2f), (2, 5f)));
        pool.AddCoListening(Rows((3, 3f), (4, 1f)));
        pool.AddSuccessors(Rows((5, 0.5f)));

        Assert.Equal(5f, pool.MaxHistory);
        Assert.Equal(3f, pool.MaxCoListening);
        Assert.Equal(0.5f, pool.MaxSuccessor);
    }
}
