namespace Streaming.VectorIndex;

public static class VectorIndexFactory
{
    /// <summary>An exact scan for small collections (fewer than <see cref="VectorIndexOptions.ExactThreshold"/>
    /// vectors), an HNSW graph otherwise.</summary>
    public static IVectorIndex Build(VectorMatrix vectors, VectorIndexOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        options ??= new VectorIndexOptions();
        return vectors.Count < options.ExactThreshold
            ? new ExactIndex(vectors)
            : HnswIndex.Build(vectors, options.Hnsw, progress: null, cancellationToken);
    }
}
