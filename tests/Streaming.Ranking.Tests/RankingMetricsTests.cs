using Streaming.Ranking.Training;

namespace Streaming.Ranking.Tests;

public sealed class RankingMetricsTests
{
    [Fact]
    public void Evaluate_HandComputedGroup_NdcgHitRateMrr()
    {
        // Order by score: rows 0, 1, 2, 3 with labels 0, 1, 0, 2; top 3 holds labels 0, 1, 0.
        // DCG = 1 / log2(3); ideal top 3 = labels 2, 1, 0: 3 + 1 / log2(3).
        var group = new RankingGroup(new float[4], [0f, 1f, 0f, 2f], 1);
        float[] scores = [0.9f, 0.8f, 0.7f, 0.1f];

        var evaluation = RankingMetrics.Evaluate([group], 3, (_, _, s) => scores.CopyTo(s));

        var dcg = 1 / Math.Log2(3);
        Assert.Equal(dcg / (3 + dcg), evaluation.Ndcg, 1e-12);
        Assert.Equal(1.0, evaluation.HitRate);
        Assert.Equal(0.5, evaluation.Mrr);
        Assert.Equal(1, evaluation.GroupCount);
    }

    [Fact]
    public void Evaluate_GroupWithoutRelevantRows_IsSkipped()
    {
        RankingGroup[] groups = [new(new float[2], [0f, 0f], 1), new(new float[2], [1f, 0f], 1)];

        var evaluation = RankingMetrics.Evaluate(groups, 10, (_, _, s) => s.Fill(0f));

        Assert.Equal(1, evaluation.GroupCount);
        Assert.Equal(1, evaluation.SkippedGroupCount);
    }

    [Fact]
    public void Evaluate_TiedScores_RankTheRelevantRowLast()
    {
        var group = new RankingGroup(new float[3], [1f, 0f, 0f], 1);

        var evaluation = RankingMetrics.Evaluate([group], 10, (_, _, s) => s.Fill(1f));

        Assert.Equal(1.0 / 3, evaluation.Mrr, 1e-12);
    }

    [Fact]
    public void Evaluate_RelevantRowBelowCutoff_NoHit()
    {
        var group = new RankingGroup(new float[3], [0f, 0f, 1f], 1);

        var evaluation = RankingMetrics.Evaluate([group], 2, (_, _, s) => ((ReadOnlySpan<float>)[3f, 2f, 1f]).CopyTo(s));

        Assert.Equal(0.0, evaluation.HitRate);
        Assert.Equal(0.0, evaluation.Mrr);
        Assert.Equal(0.0, evaluation.Ndcg);
    }

    [Fact]
    public void Evaluate_NoCountableGroup_NaN()
    {
        var evaluation = RankingMetrics.Evaluate([new RankingGroup(new float[1], [0f], 1)], 10, (_, _, s) => s.Fill(0f));

        Assert.True(double.IsNaN(evaluation.Ndcg));
        Assert.Equal(0, evaluation.GroupCount);
    }
}
