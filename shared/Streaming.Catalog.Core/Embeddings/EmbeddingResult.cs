namespace Streaming.Catalog.Core.Embeddings;

/// <summary>Row-major unit-norm vectors (zero rows where <see cref="HasVector"/> is false).</summary>
public sealed record EmbeddingResult(float[] Vectors, bool[] HasVector, int Dimensions)
{
    public int Rows => HasVector.Length;

    public Span<float> Row(int row) => Vectors.AsSpan(row * Dimensions, Dimensions);
}
