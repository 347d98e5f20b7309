namespace Streaming.Ranking.Training;

/// <summary>
/// Mean ranking quality at cutoff <see cref="K"/> over the groups that have at least one relevant row
/// (<see cref="GroupCount"/>); groups without one say nothing about an ordering and are only counted in
/// <see cref="SkippedGroupCount"/>. The means are NaN when no group counts.
/// </summary>
/// <param name="Ndcg">NDCG@K with gain 2^label - 1 and discount 1 / log2(rank + 1).</param>
/// <param name="HitRate">Share of groups with a relevant row in the top K.</param>
/// <param name="Mrr">Mean of 1 / rank of the first relevant row, 0 when it is below K.</param>
public readonly record struct RankingEvaluation(int K, double Ndcg, double HitRate, double Mrr, int GroupCount, int SkippedGroupCount);
