namespace Streaming.VectorIndex;

/// <summary>
/// Scores graph nodes against one query during a walk. The walks are generic over it so the JIT emits one
/// specialised, inlined loop per scorer: full-precision rows (<see cref="FloatRowScorer"/>) while building,
/// 8-bit codes (<see cref="QuantizedRowScorer"/>) while searching.
/// </summary>
internal interface IRowScorer
{
    /// <summary>Similarity of the query to node <paramref name="id"/> (higher is closer).</summary>
    float Score(int id);

    /// <summary>Starts loading the node's row into cache before it is scored.</summary>
    void Prefetch(int id);
}
