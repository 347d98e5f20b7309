namespace Streaming.VectorIndex;

/// <summary>
/// Brute-force index: scores every row with a SIMD dot product (<see cref="VectorMath.Dot"/>, TensorPrimitives for odd widths) and keeps the best k in a small heap.
/// Exact, allocation-free per search, and stateless, so concurrent searches are safe.
/// </summary>
public sealed class ExactIndex : IVectorIndex
{
    private readonly float[] _data;

    public ExactIndex(VectorMatrix vectors)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        Vectors = vectors;
        _data = vectors.Data;
        Dimensions = vectors.Dimensions;
        Count = vectors.Count;
    }

    public VectorMatrix Vectors { get; }

    public int Dimensions { get; }

    public int Count { get; }

    public int Search(ReadOnlySpan<float> query, int k, Span<Neighbor> results, Func<int, bool>? filter = null)
    {
        var wanted = SearchArguments.Validate(Dimensions, Count, query, k, results);
        if (wanted == 0)
        {
            return 0;
        }

        // The caller's span doubles as the heap storage: no allocation, whatever k is.
        var top = new TopK(results[..wanted]);
        var dims = Dimensions;
        var data = _data;
        for (var id = 0; id < Count; id++)
        {
            var score = VectorMath.Dot(query, data, id, dims);

            // Ask the (possibly costly) filter only for candidates that would enter the top k.
            if (top.Admits(score, id) && (filter is null || filter(id)))
            {
                top.Add(score, id);
            }
        }

        return top.SortDescending();
    }
}
