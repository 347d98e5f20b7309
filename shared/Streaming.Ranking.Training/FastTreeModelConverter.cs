using Microsoft.ML.Trainers.FastTree;

namespace Streaming.Ranking.Training;

/// <summary>
/// Copies a trained ML.NET FastTree ensemble into a <see cref="TreeEnsembleModel"/> that scores exactly as
/// ML.NET's own transformer does: node for node, threshold for threshold, leaf values kept in double.
/// </summary>
public static class FastTreeModelConverter
{
    public static TreeEnsembleModel ToTreeEnsembleModel(
        FastTreeRankingModelParameters model,
        IReadOnlyList<string> featureNames,
        string version)
    {
        ArgumentNullException.ThrowIfNull(model);
        return ToTreeEnsembleModel(model.TrainedTreeEnsemble, featureNames, version);
    }

    public static TreeEnsembleModel ToTreeEnsembleModel(
        RegressionTreeEnsemble ensemble,
        IReadOnlyList<string> featureNames,
        string version)
    {
        ArgumentNullException.ThrowIfNull(ensemble);
        ArgumentNullException.ThrowIfNull(featureNames);
        ArgumentNullException.ThrowIfNull(version);

        // ML.NET's scorer sums the leaf values only; it applies neither the ensemble bias nor tree weights.
        // FastTree always leaves them at 0 and 1; anything else means an ensemble we cannot copy faithfully.
        if (ensemble.Bias != 0)
        {
            throw new NotSupportedException($"The ensemble has bias {ensemble.Bias}; ML.NET's scorer ignores it, so its meaning is unclear.");
        }

        for (var t = 0; t < ensemble.TreeWeights.Count; t++)
        {
            if (ensemble.TreeWeights[t] != 1.0)
            {
                throw new NotSupportedException($"Tree {t} has weight {ensemble.TreeWeights[t]}; ML.NET's scorer ignores weights, so its meaning is unclear.");
            }
        }

        var builder = new TreeEnsembleBuilder();
        for (var t = 0; t < ensemble.Trees.Count; t++)
        {
            var tree = ensemble.Trees[t];
            var nodes = tree.NumberOfNodes;
            if (nodes == 0)
            {
                // ML.NET's scorer returns 0 for a tree without splits, whatever its lone leaf holds.
                builder.AddTree([], [], [], [], [0.0]);
                continue;
            }

            var features = new int[nodes];
            var thresholds = new float[nodes];
            var left = new int[nodes];
            var right = new int[nodes];
            for (var n = 0; n < nodes; n++)
            {
                if (tree.CategoricalSplitFlags[n])
                {
                    throw new InvalidOperationException(
                        $"Tree {t} node {n} is a categorical split; only numeric splits can be converted (train without CategoricalSplit).");
                }

                features[n] = tree.NumericalSplitFeatureIndexes[n];
                thresholds[n] = tree.NumericalSplitThresholds[n];
                left[n] = tree.LeftChild[n];
                right[n] = tree.RightChild[n];
            }

            var leaves = new double[tree.NumberOfLeaves];
            for (var l = 0; l < leaves.Length; l++)
            {
                leaves[l] = tree.LeafValues[l];
            }

            builder.AddTree(features, thresholds, left, right, leaves);
        }

        return builder.Build(version, featureNames);
    }
}
