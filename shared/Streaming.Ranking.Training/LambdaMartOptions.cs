namespace Streaming.Ranking.Training;

/// <summary>
/// Settings of <see cref="LambdaMartTrainer"/>; they map onto ML.NET's <c>FastTreeRankingTrainer.Options</c>.
/// Training always runs on one thread (ML.NET's <c>NumberOfThreads = 1</c>) so that the same data and seed
/// give the same model, byte for byte.
/// </summary>
public sealed record LambdaMartOptions
{
    /// <summary>Stored in the model (<see cref="TreeEnsembleModel.Version"/>).</summary>
    public string ModelVersion { get; init; } = "lambdamart";

    public int NumberOfTrees { get; init; } = 100;

    public int NumberOfLeaves { get; init; } = 16;

    public int MinimumExampleCountPerLeaf { get; init; } = 10;

    /// <summary>Shrinkage applied to each tree's leaf values.</summary>
    public double LearningRate { get; init; } = 0.2;

    /// <summary>Seeds the <c>MLContext</c>, FastTree's own seed and its feature-selection seed.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Histogram bins per feature; thresholds are bin boundaries taken from the training values.</summary>
    public int MaximumBinCountPerFeature { get; init; } = 255;

    /// <summary>Fraction of features each tree may use (1 = all); below 1 it is seeded, so still deterministic.</summary>
    public double FeatureFraction { get; init; } = 1.0;

    /// <summary>Rank depth the LambdaRank gradients optimise NDCG to (ML.NET's default is 100).</summary>
    public int NdcgTruncationLevel { get; init; } = 100;

    /// <summary>
    /// Gain of each integer label (index = label) in the LambdaRank objective; null is ML.NET's default
    /// (0, 3, 7, 15, 31), which allows labels 0..4. Labels must be integers below the count of gains.
    /// </summary>
    public IReadOnlyList<double>? LabelGains { get; init; }

    /// <summary>
    /// With validation groups, the model keeps the prefix of trees with the best NDCG at this cutoff on them
    /// (earliest wins ties), a deterministic form of early stopping measured at the depth we serve.
    /// </summary>
    public int ValidationCutoff { get; init; } = 10;

    internal static readonly double[] MlNetDefaultGains = [0, 3, 7, 15, 31];

    internal double[] EffectiveGains => LabelGains is null ? MlNetDefaultGains : [.. LabelGains];

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(ModelVersion);
        ArgumentOutOfRangeException.ThrowIfLessThan(NumberOfTrees, 1, nameof(NumberOfTrees));
        ArgumentOutOfRangeException.ThrowIfLessThan(NumberOfLeaves, 2, nameof(NumberOfLeaves));
        ArgumentOutOfRangeException.ThrowIfLessThan(MinimumExampleCountPerLeaf, 1, nameof(MinimumExampleCountPerLeaf));
        if (!(LearningRate > 0) || !double.IsFinite(LearningRate))
        {
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "The learning rate must be positive and finite.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MaximumBinCountPerFeature, 2, nameof(MaximumBinCountPerFeature));
        if (!(FeatureFraction > 0 && FeatureFraction <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(FeatureFraction), FeatureFraction, "The feature fraction must be in (0, 1].");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(NdcgTruncationLevel, 1, nameof(NdcgTruncationLevel));
        ArgumentOutOfRangeException.ThrowIfLessThan(ValidationCutoff, 1, nameof(ValidationCutoff));
        if (LabelGains is not null)
        {
            if (LabelGains.Count < 2)
            {
                throw new ArgumentException("At least two label gains (for labels 0 and 1) are needed.", nameof(LabelGains));
            }

            foreach (var gain in LabelGains)
            {
                if (!double.IsFinite(gain))
                {
                    throw new ArgumentException($"Label gain {gain} is not finite.", nameof(LabelGains));
                }
            }
        }
    }
}
