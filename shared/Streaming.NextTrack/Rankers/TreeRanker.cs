using Streaming.NextTrack.Features;
using Streaming.Ranking;

namespace Streaming.NextTrack.Rankers;

/// <summary>The learned ranker: a LambdaMART tree ensemble over exactly <see cref="FeatureNames.All"/>, evaluated in process.</summary>
public sealed class TreeRanker : INextTrackRanker
{
    private readonly TreeEnsembleModel _model;

    private TreeRanker(TreeEnsembleModel model)
    {
        _model = model;
        Name = "learned:" + model.Version;
    }

    public string Name { get; }

    public TreeEnsembleModel Model => _model;

    /// <summary>The ranker of a model, or null (with the reason) when its features are not this build's.</summary>
    public static TreeRanker? TryCreate(TreeEnsembleModel model, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!model.FeatureNames.SequenceEqual(FeatureNames.All, StringComparer.Ordinal))
        {
            reason = $"model {model.Version} has features [{string.Join(',', model.FeatureNames)}], this build computes [{string.Join(',', FeatureNames.All)}]";
            return null;
        }
        reason = null;
        return new TreeRanker(model);
    }

    public void Score(ReadOnlySpan<float> features, int count, Span<float> scores) => _model.Score(features, count, scores);
}
