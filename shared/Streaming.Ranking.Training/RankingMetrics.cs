namespace Streaming.Ranking.Training;

/// <summary>
/// NDCG@k, HitRate@k and MRR@k of an ordering over ranking groups. Rows are ordered by descending score;
/// equal scores put the less relevant row first (a tie never flatters a model), NaN scores rank last.
/// </summary>
public static class RankingMetrics
{
    public static RankingEvaluation Evaluate(TreeEnsembleModel model, IReadOnlyList<RankingGroup> groups, int k)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Evaluate(groups, k, (_, group, scores) =>
        {
            if (group.FeatureCount != model.FeatureCount)
            {
                throw new ArgumentException($"A group has {group.FeatureCount} features; the model expects {model.FeatureCount}.");
            }

            model.Score(group.Features, group.RowCount, scores);
        });
    }

    public static RankingEvaluation Evaluate(IReadOnlyList<RankingGroup> groups, int k, GroupScorer scorer)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(scorer);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);

        double ndcg = 0, hits = 0, mrr = 0;
        int counted = 0, skipped = 0;
        var scores = Array.Empty<float>();
        var order = Array.Empty<int>();
        var sortedLabels = Array.Empty<float>();
        for (var g = 0; g < groups.Count; g++)
        {
            var group = groups[g];
            var n = group.RowCount;
            if (scores.Length < n)
            {
                scores = new float[n];
                order = new int[n];
                sortedLabels = new float[n];
            }

            var labels = group.Labels;
            var ideal = IdealDcg(labels, sortedLabels.AsSpan(0, n), k);
            if (ideal == 0)
            {
                skipped++;
                continue;
            }

            var groupScores = scores.AsSpan(0, n);
            scorer(g, group, groupScores);
            Order(groupScores, labels, order.AsSpan(0, n));

            double dcg = 0;
            var firstRelevant = 0;
            var top = Math.Min(k, n);
            for (var rank = 0; rank < top; rank++)
            {
                var label = labels[order[rank]];
                dcg += Gain(label) / Math.Log2(rank + 2);
                if (label > 0 && firstRelevant == 0)
                {
                    firstRelevant = rank + 1;
                }
            }

            ndcg += dcg / ideal;
            if (firstRelevant > 0)
            {
                hits++;
                mrr += 1.0 / firstRelevant;
            }

            counted++;
        }

        return counted == 0
            ? new RankingEvaluation(k, double.NaN, double.NaN, double.NaN, 0, skipped)
            : new RankingEvaluation(k, ndcg / counted, hits / counted, mrr / counted, counted, skipped);
    }

    private static double Gain(float label) => Math.Pow(2, label) - 1;

    private static double IdealDcg(ReadOnlySpan<float> labels, Span<float> scratch, int k)
    {
        labels.CopyTo(scratch);
        scratch.Sort();
        double dcg = 0;
        var top = Math.Min(k, scratch.Length);
        for (var rank = 0; rank < top; rank++)
        {
            dcg += Gain(scratch[scratch.Length - 1 - rank]) / Math.Log2(rank + 2);
        }

        return dcg;
    }

    private static void Order(ReadOnlySpan<float> scores, ReadOnlySpan<float> labels, Span<int> order)
    {
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var s = scores.ToArray();
        var l = labels.ToArray();
        order.Sort((a, b) =>
        {
            var sa = float.IsNaN(s[a]) ? float.NegativeInfinity : s[a];
            var sb = float.IsNaN(s[b]) ? float.NegativeInfinity : s[b];
            var byScore = sb.CompareTo(sa);
            if (byScore != 0)
            {
                return byScore;
            }

            var byLabel = l[a].CompareTo(l[b]);
            return byLabel != 0 ? byLabel : a.CompareTo(b);
        });
    }
}
