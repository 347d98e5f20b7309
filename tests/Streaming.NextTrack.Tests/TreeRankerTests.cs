using Streaming.NextTrack.Features;
using Streaming.NextTrack.Rankers;
using Streaming.Ranking;

namespace Streaming.NextTrack.Tests;

public sealed class TreeRankerTests
{
    /// <summary>One split: own_next_of_last &lt;= 0.5 scores 0, above scores 1.</summary>
    private static TreeEnsembleModel Model(IReadOnlyList<string> featureNames) =>
        new TreeEnsembleBuilder()
            .AddTree([FeatureNames.OwnNextOfLast], [0.5f], [~0], [~1], [0.0, 1.0])
            .Build("m-test", featureNames);

    [Fact]
    public void TryCreate_OtherFeatureNames_RefusedWithAReason()
    {
        var names = FeatureNames.All.Take(FeatureNames.Count - 1).Append("something_else").ToArray();

        var ranker = TreeRanker.TryCreate(Model(names), out var reason);

        Assert.Null(ranker);
        Assert.Contains("m-test", reason);
        Assert.Contains("something_else", reason);
    }

    [Fact]
    public void TryCreate_SameNamesInAnotherOrder_Refused()
    {
        var names = FeatureNames.All.Reverse().ToArray();

        Assert.Null(TreeRanker.TryCreate(Model(names), out var reason));
        Assert.NotNull(reason);
    }

    [Fact]
    public void TryCreate_ThisBuildsFeatures_ScoresWithTheModel()
    {
        var ranker = TreeRanker.TryCreate(Model(FeatureNames.All), out var reason);
        var features = new float[2 * FeatureNames.Count];
        features[FeatureNames.Count + FeatureNames.OwnNextOfLast] = 1;
        var scores = new float[2];

        ranker!.Score(features, 2, scores);

        Assert.Null(reason);
        Assert.Equal("learned:m-test", ranker.Name);
        Assert.Equal([0f, 1f], scores);
    }
}
