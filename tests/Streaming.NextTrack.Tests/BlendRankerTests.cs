using Streaming.NextTrack.Features;
using Streaming.NextTrack.Rankers;

namespace Streaming.NextTrack.Tests;

public sealed class BlendRankerTests
{
    /// <summary>A candidate with no evidence at all: nothing known, no cosine.</summary>
    private static float[] Nothing()
    {
        var f = new float[FeatureNames.Count];
        f[FeatureNames.CosineSession] = f[FeatureNames.CosineLongTerm] = f[FeatureNames.CosineQuery] = FeatureNames.NoCosine;
        return f;
    }

    private static float ScoreOf(float[] f)
    {
        var scores = new float[1];
        BlendRanker.Instance.Score(f, 1, scores);
        return scores[0];
    }

    [Fact]
    public void Score_NoEvidence_Zero()
    {
        Assert.Equal(0f, ScoreOf(Nothing()));
    }

    [Fact]
    public void Score_OwnSuccessorOfTheLatestSource_OutweighsFullCoListeningAndSuccessorShares()
    {
        var own = Nothing();
        own[FeatureNames.OwnNextOfLast] = 1;
        var shared = Nothing();
        shared[FeatureNames.CoListeningShare] = 1;
        shared[FeatureNames.SuccessorShare] = 0.9f;

        Assert.Equal(2f, ScoreOf(own));
        Assert.Equal(1.9f, ScoreOf(shared), 6);
    }

    [Fact]
    public void Score_BestCosine_WeighsPointThree()
    {
        var f = Nothing();
        f[FeatureNames.CosineSession] = 0.5f;
        f[FeatureNames.CosineQuery] = 1f;

        Assert.Equal(0.3f, ScoreOf(f), 6);
    }

    [Fact]
    public void Score_OwnFavourite_LogPlaysDecayedByAge()
    {
        var f = Nothing();
        f[FeatureNames.OwnKnown] = 1;
        f[FeatureNames.OwnPlays] = MathF.Log(4);
        f[FeatureNames.OwnAgeDays] = MathF.Log(1 + 29);

        // exp(own_age_days) = 1 + age in days = 30: ln 4 x e^-1, weight 0.5.
        Assert.Equal(0.5f * MathF.Log(4) / MathF.E, ScoreOf(f), 5);
    }

    [Fact]
    public void Score_SeveralRows_EachFromItsOwnFeatures()
    {
        var a = Nothing();
        a[FeatureNames.Popularity] = 1;
        var b = Nothing();
        b[FeatureNames.Trending] = 0.5f;
        var scores = new float[2];

        BlendRanker.Instance.Score([.. a, .. b], 2, scores);

        Assert.Equal(0.1f, scores[0], 6);
        Assert.Equal(0.05f, scores[1], 6);
    }
}
