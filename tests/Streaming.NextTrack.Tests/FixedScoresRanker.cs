using Streaming.NextTrack.Rankers;

namespace Streaming.NextTrack.Tests;

/// <summary>A ranker that ignores the features and gives pool slot i the score <c>scores[i]</c> (or a constant): the ranking's own rules in isolation.</summary>
internal sealed class FixedScoresRanker(params float[] scores) : INextTrackRanker
{
    public string Name => "fixed";

    public void Score(ReadOnlySpan<float> features, int count, Span<float> result)
    {
        for (var i = 0; i < count; i++)
        {
            result[i] = scores.Length == 1 ? scores[0] : scores[i];
        }
    }
}
