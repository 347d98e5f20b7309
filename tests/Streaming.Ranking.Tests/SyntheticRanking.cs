using Streaming.Ranking.Training;

namespace Streaming.Ranking.Tests;

/// <summary>
/// Seeded ranking task with six uniform [0, 1) features where relevance depends non-linearly on two:
/// label 2 when x1 is near 0.5 (|x1 - 0.5| &lt; 0.05) and x4 &gt; 0.75, label 1 when |x1 - 0.5| &lt; 0.15 and
/// x4 &gt; 0.75, else 0; 2% of labels are resampled as noise. About 2 rows in 20 are relevant, and x1
/// matters only through its distance to the middle, so ordering by any single feature does poorly.
/// </summary>
internal static class SyntheticRanking
{
    public const int FeatureCount = 6;

    public static readonly string[] FeatureNames = ["x0", "x1", "x2", "x3", "x4", "x5"];

    public static List<RankingGroup> Generate(int groupCount, int rowsPerGroup, int seed, double nanRate = 0)
    {
        var random = new Random(seed);
        var groups = new List<RankingGroup>(groupCount);
        var features = new float[rowsPerGroup * FeatureCount];
        var labels = new float[rowsPerGroup];
        for (var g = 0; g < groupCount; g++)
        {
            for (var r = 0; r < rowsPerGroup; r++)
            {
                var row = features.AsSpan(r * FeatureCount, FeatureCount);
                for (var f = 0; f < FeatureCount; f++)
                {
                    row[f] = (float)random.NextDouble();
                }

                var center = Math.Abs(row[1] - 0.5f);
                var label = row[4] > 0.75f ? (center < 0.05f ? 2f : center < 0.15f ? 1f : 0f) : 0f;
                if (random.NextDouble() < 0.02)
                {
                    label = random.Next(3);
                }

                labels[r] = label;
                for (var f = 0; f < FeatureCount; f++)
                {
                    if (random.NextDouble() < nanRate)
                    {
                        row[f] = float.NaN;
                    }
                }
            }

            groups.Add(new RankingGroup(features, labels, FeatureCount));
        }

        return groups;
    }
}
