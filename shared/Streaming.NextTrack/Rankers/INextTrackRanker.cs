namespace Streaming.NextTrack.Rankers;

/// <summary>Scores candidates from their <see cref="Features.FeatureNames"/> (row-major); higher ranks first.</summary>
public interface INextTrackRanker
{
    /// <summary>"learned:&lt;model version&gt;" or "blend".</summary>
    string Name { get; }

    void Score(ReadOnlySpan<float> features, int count, Span<float> scores);
}
