using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using Streaming.Ranking.Training;

namespace Streaming.Ranking.Tests;

/// <summary>One LambdaMART training on the synthetic task, shared by the tests that only read it.</summary>
public sealed class TrainedModelFixture
{
    public static readonly LambdaMartOptions Options = new()
    {
        ModelVersion = "synthetic-1",
        NumberOfTrees = 100,
        NumberOfLeaves = 16,
        MinimumExampleCountPerLeaf = 10,
        LearningRate = 0.2,
        Seed = 42,
    };

    public TrainedModelFixture()
    {
        Train = SyntheticRanking.Generate(groupCount: 300, rowsPerGroup: 20, seed: 1);
        HeldOut = SyntheticRanking.Generate(groupCount: 200, rowsPerGroup: 20, seed: 2);
        (Model, Transformer, Context) = LambdaMartTrainer.TrainCore(Train, SyntheticRanking.FeatureNames, Options, validationGroups: null);
    }

    internal List<RankingGroup> Train { get; }

    internal List<RankingGroup> HeldOut { get; }

    internal TreeEnsembleModel Model { get; }

    internal RankingPredictionTransformer<FastTreeRankingModelParameters> Transformer { get; }

    internal MLContext Context { get; }

    /// <summary>ML.NET's own scores for the rows of <paramref name="groups"/>, in order.</summary>
    internal float[] MlNetScores(IReadOnlyList<RankingGroup> groups)
    {
        var scored = Transformer.Transform(RankingDataView.Create(Context, groups, SyntheticRanking.FeatureCount));
        return [.. scored.GetColumn<float>("Score")];
    }
}
