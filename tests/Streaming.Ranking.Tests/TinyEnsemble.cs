using Streaming.Ranking;

namespace Streaming.Ranking.Tests;

/// <summary>
/// A hand-built model over features (a, b), small enough to score by hand:
/// tree 0: a &lt;= 0.5 ? 1 : (b &lt;= 2 ? 2 : 3); tree 1: b &lt;= -1 ? 10 : 20; tree 2: a lone leaf 0.25; bias 0.5.
/// </summary>
internal static class TinyEnsemble
{
    public static readonly string[] FeatureNames = ["a", "b"];

    public static TreeEnsembleModel Build() =>
        new TreeEnsembleBuilder()
            .AddTree([0, 1], [0.5f, 2f], [~0, ~1], [1, ~2], [1.0, 2.0, 3.0])
            .AddTree([1], [-1f], [~0], [~1], [10.0, 20.0])
            .AddTree([], [], [], [], [0.25])
            .Build("tiny-1", FeatureNames, bias: 0.5f);
}
