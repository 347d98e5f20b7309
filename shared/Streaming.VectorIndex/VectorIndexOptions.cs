namespace Streaming.VectorIndex;

/// <summary>How <see cref="VectorIndexFactory"/> chooses and parameterises an index.</summary>
public sealed record VectorIndexOptions
{
    /// <summary>Below this many vectors an exact scan is fast enough and beats building a graph.</summary>
    public int ExactThreshold { get; init; } = 20_000;

    public HnswOptions Hnsw { get; init; } = new();
}
