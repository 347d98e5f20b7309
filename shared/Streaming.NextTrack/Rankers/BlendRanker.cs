using Streaming.NextTrack.Features;

namespace Streaming.NextTrack.Rankers;

/// <summary>
/// The hand-weighted fallback, used when a snapshot carries no model (or one of other features): own successors
/// first, then what listeners play after and near the session, the listener's own favourites, taste fit and
/// popularity. Weights from the warm-up evaluation, coarse on purpose.
/// </summary>
public sealed class BlendRanker : INextTrackRanker
{
    public static BlendRanker Instance { get; } = new();

    public string Name => "blend";

    public void Score(ReadOnlySpan<float> features, int count, Span<float> scores)
    {
        for (var i = 0; i < count; i++)
        {
            var f = features.Slice(i * FeatureNames.Count, FeatureNames.Count);
            var own = f[FeatureNames.OwnKnown] > 0
                ? f[FeatureNames.OwnPlays] * MathF.Exp(-MathF.Exp(f[FeatureNames.OwnAgeDays]) / 30f)
                : 0f;
            var cosine = Math.Max(f[FeatureNames.CosineQuery], Math.Max(f[FeatureNames.CosineSession], f[FeatureNames.CosineLongTerm]));
            scores[i] = 2.0f * f[FeatureNames.OwnNextOfLast]
                        + 1.0f * (f[FeatureNames.OwnNextOfSecond] + f[FeatureNames.OwnNextChain])
                        + 1.0f * f[FeatureNames.CoListeningShare]
                        + 1.0f * f[FeatureNames.SuccessorShare]
                        + 0.5f * own
                        + 0.3f * (cosine > -1.5f ? cosine : 0f)
                        + 0.1f * f[FeatureNames.Popularity]
                        + 0.1f * f[FeatureNames.Trending];
        }
    }
}
