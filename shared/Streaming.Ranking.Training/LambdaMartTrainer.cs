using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace Streaming.Ranking.Training;

/// <summary>
/// Trains a LambdaMART ranker with ML.NET's FastTree (LambdaRank gradients, boosted regression trees) and
/// returns it as a <see cref="TreeEnsembleModel"/>, which scores exactly like ML.NET's own transformer.
/// </summary>
/// <remarks>
/// Deterministic: the <c>MLContext</c> and FastTree are seeded from <see cref="LambdaMartOptions.Seed"/> and
/// training runs on one thread, so the same groups and options give byte-identical serialized models.
/// FastTree holds a process-wide lock while it trains, so concurrent calls run one after another.
/// </remarks>
public static class LambdaMartTrainer
{
    /// <param name="groups">Training queries; every row needs finite features (see remarks) and an integer label.</param>
    /// <param name="featureNames">Names of the feature columns, in row order; stored in the model.</param>
    /// <param name="options">Trainer settings.</param>
    /// <param name="validationGroups">
    /// Optional held-out queries: the model then keeps the prefix of its trees with the best
    /// NDCG@<see cref="LambdaMartOptions.ValidationCutoff"/> on them.
    /// </param>
    /// <remarks>
    /// Rows with a NaN or infinite feature are refused: ML.NET would silently drop them from training (and
    /// so shrink their groups). Scoring accepts NaN (it goes right at every split, as in ML.NET).
    /// </remarks>
    public static TreeEnsembleModel Train(
        IReadOnlyList<RankingGroup> groups,
        IReadOnlyList<string> featureNames,
        LambdaMartOptions options,
        IReadOnlyList<RankingGroup>? validationGroups = null) =>
        TrainCore(groups, featureNames, options, validationGroups).Model;

    /// <summary>Also hands back ML.NET's transformer and context, so tests can compare scores with ML.NET's own.</summary>
    internal static (TreeEnsembleModel Model, RankingPredictionTransformer<FastTreeRankingModelParameters> Transformer, MLContext Context) TrainCore(
        IReadOnlyList<RankingGroup> groups,
        IReadOnlyList<string> featureNames,
        LambdaMartOptions options,
        IReadOnlyList<RankingGroup>? validationGroups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(featureNames);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var gains = options.EffectiveGains;
        if (groups.Count == 0)
        {
            throw new ArgumentException("Training needs at least one group.", nameof(groups));
        }

        if (featureNames.Count == 0)
        {
            throw new ArgumentException("Training needs at least one feature.", nameof(featureNames));
        }

        CheckTrainingGroups(groups, featureNames.Count, gains, nameof(groups));
        if (validationGroups is not null)
        {
            CheckFeatureCounts(validationGroups, featureNames.Count, nameof(validationGroups));
        }

        var ml = new MLContext(seed: options.Seed);
        var trainer = ml.Ranking.Trainers.FastTree(new FastTreeRankingTrainer.Options
        {
            NumberOfTrees = options.NumberOfTrees,
            NumberOfLeaves = options.NumberOfLeaves,
            MinimumExampleCountPerLeaf = options.MinimumExampleCountPerLeaf,
            LearningRate = options.LearningRate,
            MaximumBinCountPerFeature = options.MaximumBinCountPerFeature,
            FeatureFraction = options.FeatureFraction,
            NdcgTruncationLevel = options.NdcgTruncationLevel,
            CustomGains = gains,
            Seed = options.Seed,
            FeatureSelectionSeed = options.Seed,
            // One thread: nothing promises FastTree's multi-threaded passes are reproducible (2 threads did
            // match 1 thread in our runs), and our models must be: same data + seed = same bytes.
            NumberOfThreads = 1,
            // Our format has no categorical splits; FastTree only makes them when asked, but say so.
            CategoricalSplit = false,
        });
        var transformer = trainer.Fit(RankingDataView.Create(ml, groups, featureNames.Count));
        var model = FastTreeModelConverter.ToTreeEnsembleModel(transformer.Model, featureNames, options.ModelVersion);
        if (validationGroups is not null && validationGroups.Count > 0)
        {
            model = model.TakeTrees(BestPrefix(model, validationGroups, options.ValidationCutoff));
        }

        return (model, transformer, ml);
    }

    /// <summary>
    /// The number of leading trees whose NDCG@cutoff on the validation groups is highest (fewest trees on a
    /// tie, never 0), scoring each prefix exactly as the truncated model would.
    /// </summary>
    internal static int BestPrefix(TreeEnsembleModel model, IReadOnlyList<RankingGroup> groups, int cutoff)
    {
        var trees = model.TreeCount;
        var perTree = new double[trees];
        // cumulative[g][r * trees + t] = Bias + outputs of trees 0..t for row r of group g.
        var cumulative = new double[groups.Count][];
        for (var g = 0; g < groups.Count; g++)
        {
            var group = groups[g];
            var sums = new double[group.RowCount * trees];
            for (var r = 0; r < group.RowCount; r++)
            {
                model.ScoreEachTree(group.Row(r), perTree);
                double sum = model.Bias;
                for (var t = 0; t < trees; t++)
                {
                    sum += perTree[t];
                    sums[(r * trees) + t] = sum;
                }
            }

            cumulative[g] = sums;
        }

        var best = trees;
        var bestNdcg = double.NegativeInfinity;
        for (var prefix = 1; prefix <= trees; prefix++)
        {
            var t = prefix - 1;
            var ndcg = RankingMetrics.Evaluate(groups, cutoff, (g, group, scores) =>
            {
                var sums = cumulative[g];
                for (var r = 0; r < group.RowCount; r++)
                {
                    scores[r] = (float)sums[(r * trees) + t];
                }
            }).Ndcg;
            if (ndcg > bestNdcg)
            {
                bestNdcg = ndcg;
                best = prefix;
            }
        }

        return best;
    }

    private static void CheckTrainingGroups(IReadOnlyList<RankingGroup> groups, int featureCount, double[] gains, string parameter)
    {
        CheckFeatureCounts(groups, featureCount, parameter);
        for (var g = 0; g < groups.Count; g++)
        {
            var group = groups[g];
            var features = group.Features;
            for (var i = 0; i < features.Length; i++)
            {
                if (!float.IsFinite(features[i]))
                {
                    throw new ArgumentException(
                        $"Group {g} row {i / featureCount} feature {i % featureCount} is {features[i]}: ML.NET FastTree would "
                        + "silently drop that row from training; impute it (or drop the row) before training.",
                        parameter);
                }
            }

            var labels = group.Labels;
            for (var r = 0; r < labels.Length; r++)
            {
                if (labels[r] != MathF.Floor(labels[r]) || labels[r] >= gains.Length)
                {
                    throw new ArgumentException(
                        $"Group {g} row {r} has label {labels[r]}; LambdaMART labels are integers 0..{gains.Length - 1} "
                        + "(one per label gain).",
                        parameter);
                }
            }
        }
    }

    private static void CheckFeatureCounts(IReadOnlyList<RankingGroup> groups, int featureCount, string parameter)
    {
        for (var g = 0; g < groups.Count; g++)
        {
            if (groups[g] is null)
            {
                throw new ArgumentException($"Group {g} is null.", parameter);
            }

            if (groups[g].FeatureCount != featureCount)
            {
                throw new ArgumentException(
                    $"Group {g} has {groups[g].FeatureCount} features per row; there are {featureCount} feature names.", parameter);
            }
        }
    }
}
