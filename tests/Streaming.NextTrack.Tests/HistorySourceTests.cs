using Streaming.NextTrack.Candidates;
using static Streaming.NextTrack.Tests.TestWorld;

namespace Streaming.NextTrack.Tests;

public sealed class HistorySourceTests
{
    private static ListeningContext WithHistory(int[] recent, params Streaming.TasteMath.HistoryEntry[] history) =>
        Context(State(recent) with { History = history });

    [Fact]
    public void Candidates_OwnSuccessorOfTheLatestSource_FirstEvenAgainstAFavourite()
    {
        var context = WithHistory([3], Entry(3, 1, next: 12), Entry(12, 1, lastMs: T0 - (60 * Day)), Entry(20, 500));

        var candidates = HistorySource.Candidates(context, 1);

        Assert.Equal([12], candidates.Select(c => c.Row));
    }

    [Fact]
    public void Candidates_OwnSuccessorNotInTheHistoryItself_StillEnters()
    {
        var context = WithHistory([3], Entry(3, 1, next: 12));

        var candidates = HistorySource.Candidates(context, 10);

        // Row 3 is a recent play (excluded); 12 scores 100 as the latest source's own successor.
        Assert.Equal([new ScoredRow(12, 100f)], candidates);
    }

    [Fact]
    public void Candidates_OwnSuccessorsOfOlderSources_WeighLess()
    {
        var context = WithHistory([3, 4], Entry(3, 1, next: 12), Entry(4, 1, next: 13));

        var candidates = HistorySource.Candidates(context, 10);

        Assert.Equal([new ScoredRow(12, 100f), new ScoredRow(13, 50f)], candidates);
    }

    [Fact]
    public void Candidates_SkippedMoreThanPlayedOrNeverPlayed_LeftOut()
    {
        var context = WithHistory([], Entry(20, plays: 1, skips: 2), Entry(21, plays: 0, skips: 1), Entry(22, plays: 2, skips: 2));

        var candidates = HistorySource.Candidates(context, 10);

        Assert.Equal([22], candidates.Select(c => c.Row));
    }

    [Fact]
    public void Candidates_PlaysAndRecency_LogPlaysTimesRecencyDecay()
    {
        var context = WithHistory([], Entry(20, 3), Entry(21, 3, lastMs: T0 - (14 * Day)), Entry(22, 1));

        var candidates = HistorySource.Candidates(context, 10);

        // ln(1 + plays) x exp(-age / 14 days): 20 = ln 4, 22 = ln 2, 21 = ln 4 / e.
        Assert.Equal([20, 22, 21], candidates.Select(c => c.Row));
        Assert.Equal((float)Math.Log(4), candidates[0].Score, 5);
        Assert.Equal((float)Math.Log(2), candidates[1].Score, 5);
        Assert.Equal((float)(Math.Log(4) / Math.E), candidates[2].Score, 5);
    }

    [Fact]
    public void Candidates_ExcludedRows_NeverAppearEvenAsOwnSuccessor()
    {
        // 3 is followed by 20 in the history, but 20 is among the latest plays.
        var context = WithHistory([3, 20], Entry(3, 1, next: 20), Entry(20, 5), Entry(21, 1));

        var candidates = HistorySource.Candidates(context, 10);

        Assert.Equal([21], candidates.Select(c => c.Row));
    }

    [Fact]
    public void Candidates_Take_Bounded()
    {
        var context = WithHistory([], Entry(20, 3), Entry(21, 2), Entry(22, 1));

        Assert.Equal([20, 21], HistorySource.Candidates(context, 2).Select(c => c.Row));
        Assert.Empty(HistorySource.Candidates(context, 0));
    }

    [Fact]
    public void Candidates_NoHistory_Empty()
    {
        Assert.Empty(HistorySource.Candidates(Context(State(1, 2)), 10));
    }
}
