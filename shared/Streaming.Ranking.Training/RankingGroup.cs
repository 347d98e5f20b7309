namespace Streaming.Ranking.Training;

/// <summary>
/// One query's candidates (a user's request, say): rows of features laid out one after another, each
/// with a relevance label (0 = not relevant; 1, 2, ... graded). Immutable: the constructor copies.
/// </summary>
public sealed class RankingGroup
{
    private readonly float[] _features;
    private readonly float[] _labels;

    public RankingGroup(ReadOnlySpan<float> rowMajorFeatures, ReadOnlySpan<float> labels, int featureCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(featureCount);
        if (labels.IsEmpty)
        {
            throw new ArgumentException("A ranking group needs at least one row.", nameof(labels));
        }

        if (rowMajorFeatures.Length != (long)labels.Length * featureCount)
        {
            throw new ArgumentException(
                $"{labels.Length} rows of {featureCount} features need {(long)labels.Length * featureCount} floats, got {rowMajorFeatures.Length}.",
                nameof(rowMajorFeatures));
        }

        for (var i = 0; i < labels.Length; i++)
        {
            if (!float.IsFinite(labels[i]) || labels[i] < 0)
            {
                throw new ArgumentException($"Label {i} is {labels[i]}; relevance labels are finite and >= 0.", nameof(labels));
            }
        }

        _features = rowMajorFeatures.ToArray();
        _labels = labels.ToArray();
        FeatureCount = featureCount;
    }

    public int RowCount => _labels.Length;

    public int FeatureCount { get; }

    public ReadOnlySpan<float> Features => _features;

    public ReadOnlySpan<float> Labels => _labels;

    public ReadOnlySpan<float> Row(int index) => _features.AsSpan(index * FeatureCount, FeatureCount);
}
