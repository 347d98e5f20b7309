using System.Numerics.Tensors;

namespace Streaming.Catalog.Core.Embeddings;

/// <summary>
/// The audio vector space from co-listening: PPMI of the co-occurrence counts, randomized truncated
/// SVD, vectors <c>U S^p</c> normalised to unit length so the dot product is the cosine similarity.
/// Tracks that share playlists and sessions end up close.
/// </summary>
public static class CoListeningEmbedding
{
    public static EmbeddingResult Train(CooccurrenceCounter counts, EmbeddingOptions options, Action<string>? progress = null)
    {
        var n = counts.RowCount;
        var occurrences = counts.Occurrences;
        // Compact the rows that take part, so the SVD only sees rows with data.
        var eligible = new bool[n];
        for (var i = 0; i < n; i++)
        {
            eligible[i] = occurrences[i] >= options.MinOccurrences;
        }
        var pairs = counts.Pairs().Where(p => eligible[p.I] && eligible[p.J]).ToList();
        var compactOf = Enumerable.Repeat(-1, n).ToArray();
        var rowOf = new List<int>();
        foreach (var (i, j, _) in pairs)
        {
            if (compactOf[i] < 0)
            {
                compactOf[i] = rowOf.Count;
                rowOf.Add(i);
            }
            if (compactOf[j] < 0)
            {
                compactOf[j] = rowOf.Count;
                rowOf.Add(j);
            }
        }
        var compactPairs = pairs.Select(p => (compactOf[p.I], compactOf[p.J], p.Count)).ToList();
        pairs.Clear();

        var vectors = new float[n * options.Dimensions];
        var has = new bool[n];
        var result = new EmbeddingResult(vectors, has, options.Dimensions);
        if (rowOf.Count < 2)
        {
            return result;
        }
        var ppmi = PpmiMatrix.Build(rowOf.Count, compactPairs, options.Smoothing, options.Shift);
        compactPairs.Clear();
        progress?.Invoke($"PPMI: {rowOf.Count} rows, {ppmi.NonZeros} non-zeros");
        var svd = RandomizedSvd.Compute(ppmi, options.Dimensions, options.Oversampling, options.PowerIterations, options.Seed, progress);
        var weights = svd.SingularValues.Select(s => Math.Pow(s, options.EigenWeight)).ToArray();
        for (var c = 0; c < rowOf.Count; c++)
        {
            if (ppmi.RowNonZeros(c) == 0)
            {
                continue;
            }
            var target = result.Row(rowOf[c]);
            for (var d = 0; d < svd.Rank; d++)
            {
                target[d] = (float)(svd.U[c * svd.Rank + d] * weights[d]);
            }
            has[rowOf[c]] = Normalize(target);
        }
        return result;
    }

    /// <summary>Scales to unit length; false (and zeroed) when the vector has no length.</summary>
    public static bool Normalize(Span<float> vector)
    {
        var norm = TensorPrimitives.Norm(vector);
        if (!(norm > 1e-12f) || !float.IsFinite(norm))
        {
            vector.Clear();
            return false;
        }
        TensorPrimitives.Divide(vector, norm, vector);
        return true;
    }
}
