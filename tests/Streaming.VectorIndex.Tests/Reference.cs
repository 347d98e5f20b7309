using Streaming.VectorIndex;

namespace Streaming.VectorIndex.Tests;

/// <summary>Naive LINQ top-k in double precision: the ground truth the indexes are checked against.</summary>
internal static class Reference
{
    public static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += (double)a[i] * b[i];
        }

        return sum;
    }

    public static Neighbor[] TopK(VectorMatrix vectors, float[] query, int k, Func<int, bool>? filter = null) =>
        Enumerable.Range(0, vectors.Count)
            .Where(id => filter is null || filter(id))
            .Select(id => new Neighbor(id, (float)Dot(query, vectors.Row(id))))
            .OrderByDescending(n => n.Score)
            .ThenBy(n => n.Id)
            .Take(k)
            .ToArray();

    /// <summary>Share of the true top-k ids that the approximate answer contains.</summary>
    public static double Recall(IReadOnlyList<Neighbor> truth, IReadOnlyList<Neighbor> found)
    {
        if (truth.Count == 0)
        {
            return 1.0;
        }

        var ids = found.Select(n => n.Id).ToHashSet();
        return truth.Count(n => ids.Contains(n.Id)) / (double)truth.Count;
    }

    public static float[] Copy(VectorMatrix vectors, int row) => vectors.Row(row).ToArray();
}
