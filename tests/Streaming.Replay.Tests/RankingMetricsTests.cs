using Streaming.Replay.Metrics;

namespace Streaming.Replay.Tests;

public sealed class RankingMetricsTests
{
    [Fact]
    public void RankOf_TargetSecond_ReturnsTwo() =>
        Assert.Equal(2, RankingMetrics.RankOf(["a", "b", "c"], "b", 10));

    [Fact]
    public void RankOf_TargetBeyondK_ReturnsZero() =>
        Assert.Equal(0, RankingMetrics.RankOf(["a", "b", "c"], "c", 2));

    [Fact]
    public void RankOf_TargetAbsent_ReturnsZero() =>
        Assert.Equal(0, RankingMetrics.RankOf(["a", "b"], "z", 10));

    [Fact]
    public void Add_RanksOneMissThreeTwo_HitRateAndMrrByHand()
    {
        var metrics = new RankingMetrics();
        foreach (var rank in new[] { 1, 0, 3, 2 })
        {
            metrics.Add(rank);
        }

        // 3 of 4 targets hit; MRR = (1 + 0 + 1/3 + 1/2) / 4 = 11/24.
        Assert.Equal(4, metrics.Targets);
        Assert.Equal(3, metrics.Hits);
        Assert.Equal(0.75, metrics.HitRate, 12);
        Assert.Equal(11.0 / 24, metrics.Mrr, 12);
    }

    [Fact]
    public void HitRate_NoTargets_IsZero()
    {
        var metrics = new RankingMetrics();
        Assert.Equal(0, metrics.HitRate);
        Assert.Equal(0, metrics.Mrr);
    }

    [Fact]
    public void Add_NegativeRank_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RankingMetrics().Add(-1));
}
