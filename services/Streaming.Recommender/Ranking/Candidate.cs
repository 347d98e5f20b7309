namespace Streaming.Recommender.Ranking;

/// <summary>One candidate row: its cosine to the query and its normalised transition score (with the best source row).</summary>
public struct Candidate
{
    public float Similarity;
    public float Transition;
    public int TransitionSource;
    public double Score;
}
