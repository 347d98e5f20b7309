using Streaming.Recommender.Options;

namespace Streaming.Recommender.Ranking;

/// <summary>
/// The ranking blend: <c>score = Similarity * cos(query, track) + Transition * transition + Popularity * prior</c>,
/// with the transition score normalised to [0, 1] and the prior <c>log(1 + popularity) / log(1 + max popularity)</c>.
/// </summary>
public readonly record struct RankingWeights(double Similarity, double Transition, double Popularity)
{
    public static RankingWeights From(RecommenderOptions options) =>
        new(options.SimilarityWeight, options.TransitionWeight, options.PopularityWeight);

    public double Score(in Candidate c, double popularityPrior) =>
        Similarity * c.Similarity + Transition * c.Transition + Popularity * popularityPrior;
}
