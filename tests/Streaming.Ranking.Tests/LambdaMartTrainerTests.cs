using Streaming.Ranking.Training;
using Xunit.Abstractions;

namespace Streaming.Ranking.Tests;

public sealed class LambdaMartTrainerTests(TrainedModelFixture trained, ITestOutputHelper output) : IClassFixture<TrainedModelFixture>
{
    [Fact]
    public void Score_HeldOutRowsWithNaN_EqualsMlNetPrediction()
    {
        // Held-out rows plus rows where 20% of the features are NaN (ML.NET scores those: NaN goes right).
        List<RankingGroup> groups = [.. trained.HeldOut, .. SyntheticRanking.Generate(50, 20, seed: 3, nanRate: 0.2)];
        var expected = trained.MlNetScores(groups);

        var i = 0;
        var maxDifference = 0.0;
        foreach (var group in groups)
        {
            for (var r = 0; r < group.RowCount; r++, i++)
            {
                maxDifference = Math.Max(maxDifference, Math.Abs(trained.Model.Score(group.Row(r)) - expected[i]));
            }
        }

        output.WriteLine($"{i} rows, max |ours - ML.NET| = {maxDifference}");
        Assert.Equal(expected.Length, i);
        Assert.True(maxDifference <= 1e-5, $"max |ours - ML.NET| = {maxDifference}");
    }

    [Fact]
    public void Train_SyntheticTask_CopiesEveryTreeWithoutCategoricalSplits()
    {
        Assert.Equal("synthetic-1", trained.Model.Version);
        Assert.Equal(SyntheticRanking.FeatureNames, trained.Model.FeatureNames);
        Assert.Equal(100, trained.Model.TreeCount);
        Assert.True(trained.Model.NodeCount > 100 * 8, $"only {trained.Model.NodeCount} nodes");
    }

    [Fact]
    public void Train_SyntheticTask_BeatsRandomAndSingleFeatureOrderings()
    {
        const int k = 10;
        var model = RankingMetrics.Evaluate(trained.Model, trained.HeldOut, k);
        var random = new Random(7);
        var shuffled = RankingMetrics.Evaluate(trained.HeldOut, k, (_, _, scores) =>
        {
            for (var i = 0; i < scores.Length; i++)
            {
                scores[i] = (float)random.NextDouble();
            }
        });
        var bestSingle = BestSingleFeature(trained.HeldOut, k);
        output.WriteLine($"model  {model}");
        output.WriteLine($"random {shuffled}");
        output.WriteLine($"single {bestSingle}");

        Assert.True(model.GroupCount > 150, $"only {model.GroupCount} held-out groups have a relevant row");
        Assert.True(model.Ndcg > shuffled.Ndcg + 0.25, $"NDCG@10 model {model.Ndcg:F3}, random {shuffled.Ndcg:F3}");
        Assert.True(model.Ndcg > bestSingle.Ndcg + 0.15, $"NDCG@10 model {model.Ndcg:F3}, best single feature {bestSingle.Ndcg:F3}");
        Assert.True(model.HitRate > shuffled.HitRate + 0.05, $"HR@10 model {model.HitRate:F3}, random {shuffled.HitRate:F3}");
        Assert.True(model.HitRate >= bestSingle.HitRate, $"HR@10 model {model.HitRate:F3}, best single feature {bestSingle.HitRate:F3}");
        Assert.True(model.Mrr > shuffled.Mrr + 0.25, $"MRR@10 model {model.Mrr:F3}, random {shuffled.Mrr:F3}");
    }

    [Fact]
    public void Train_SameDataAndSeed_ByteIdenticalModels()
    {
        var options = TrainedModelFixture.Options with { NumberOfTrees = 30, FeatureFraction = 0.7 };
        var data = trained.Train;

        var first = TreeEnsembleSerializer.ToBytes(LambdaMartTrainer.Train(data, SyntheticRanking.FeatureNames, options));
        var second = TreeEnsembleSerializer.ToBytes(LambdaMartTrainer.Train(data, SyntheticRanking.FeatureNames, options));
        var otherSeed = TreeEnsembleSerializer.ToBytes(
            LambdaMartTrainer.Train(data, SyntheticRanking.FeatureNames, options with { Seed = 43 }));

        Assert.Equal(first, second);
        Assert.NotEqual(first, otherSeed); // the seed reaches FastTree (feature sampling)
    }

    [Fact]
    public void Train_TrainedModel_SurvivesSerialization()
    {
        var copy = TreeEnsembleSerializer.FromBytes(TreeEnsembleSerializer.ToBytes(trained.Model));

        foreach (var group in trained.HeldOut.Take(20))
        {
            var expected = new float[group.RowCount];
            var actual = new float[group.RowCount];
            trained.Model.Score(group.Features, group.RowCount, expected);
            copy.Score(group.Features, group.RowCount, actual);
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void Train_WithValidationGroups_KeepsTheBestPrefixOnThem()
    {
        // A high learning rate and many deep trees overfit 40 small groups, so a shorter prefix should win.
        var options = TrainedModelFixture.Options with
        {
            NumberOfTrees = 60, NumberOfLeaves = 32, LearningRate = 1.0, MinimumExampleCountPerLeaf = 1,
        };
        var data = trained.Train.Take(40).ToList();
        var validation = trained.HeldOut.Take(100).ToList();

        var model = LambdaMartTrainer.Train(data, SyntheticRanking.FeatureNames, options, validation);
        var again = LambdaMartTrainer.Train(data, SyntheticRanking.FeatureNames, options, validation);
        var full = LambdaMartTrainer.Train(data, SyntheticRanking.FeatureNames, options);

        Assert.Equal(TreeEnsembleSerializer.ToBytes(model), TreeEnsembleSerializer.ToBytes(again));
        output.WriteLine($"kept {model.TreeCount} of {full.TreeCount} trees");
        Assert.InRange(model.TreeCount, 1, 60);
        var kept = RankingMetrics.Evaluate(model, validation, 10).Ndcg;
        for (var prefix = 1; prefix <= full.TreeCount; prefix++)
        {
            var ndcg = RankingMetrics.Evaluate(full.TakeTrees(prefix), validation, 10).Ndcg;
            Assert.True(ndcg <= kept, $"prefix {prefix} NDCG@10 {ndcg} beats the kept {model.TreeCount} trees' {kept}");
        }
    }

    [Fact]
    public void Train_NaNFeature_ThrowsBecauseMlNetWouldDropTheRow()
    {
        var groups = SyntheticRanking.Generate(5, 10, seed: 9, nanRate: 0.1);

        var e = Assert.Throws<ArgumentException>(() =>
            LambdaMartTrainer.Train(groups, SyntheticRanking.FeatureNames, TrainedModelFixture.Options));

        Assert.Contains("silently drop", e.Message);
    }

    [Theory]
    [InlineData(0.5f)]
    [InlineData(5f)]
    public void Train_LabelNotAnIntegerBelowGainCount_Throws(float label)
    {
        var groups = new List<RankingGroup> { new(new float[12], [0f, label], 6) };

        var e = Assert.Throws<ArgumentException>(() =>
            LambdaMartTrainer.Train(groups, SyntheticRanking.FeatureNames, TrainedModelFixture.Options));

        Assert.Contains("labels are integers 0..4", e.Message);
    }

    [Fact]
    public void Train_FeatureNamesDisagreeWithRows_Throws()
    {
        Assert.Throws<ArgumentException>(() =>
            LambdaMartTrainer.Train(trained.Train, ["only", "two"], TrainedModelFixture.Options));
    }

    private static RankingEvaluation BestSingleFeature(IReadOnlyList<RankingGroup> groups, int k)
    {
        var best = default(RankingEvaluation) with { Ndcg = double.NegativeInfinity };
        for (var f = 0; f < SyntheticRanking.FeatureCount; f++)
        {
            foreach (var sign in (ReadOnlySpan<float>)[1f, -1f])
            {
                var feature = f;
                var direction = sign;
                var evaluation = RankingMetrics.Evaluate(groups, k, (_, group, scores) =>
                {
                    for (var r = 0; r < group.RowCount; r++)
                    {
                        scores[r] = direction * group.Row(r)[feature];
                    }
                });
                if (evaluation.Ndcg > best.Ndcg)
                {
                    best = evaluation;
                }
            }
        }

        return best;
    }
}
