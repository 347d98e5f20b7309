namespace Streaming.VectorIndex;

public static class VectorIndexExtensions
{
    /// <summary>Allocating convenience over <see cref="IVectorIndex.Search"/>: the hits, best first.</summary>
    public static Neighbor[] Search(this IVectorIndex index, ReadOnlySpan<float> query, int k, Func<int, bool>? filter = null)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        var results = new Neighbor[Math.Min(k, index.Count)];
        var found = index.Search(query, k, results, filter);
        return found == results.Length ? results : results[..found];
    }
}
