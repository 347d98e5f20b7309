namespace Streaming.VectorIndex;

/// <summary>
/// A read-only k-nearest-neighbour index over the rows of a <see cref="VectorMatrix"/>.
/// Similarity is the dot product (vectors are expected to be unit-normalised, so it is the cosine).
/// Implementations are immutable once built and safe for concurrent searches.
/// </summary>
public interface IVectorIndex
{
    /// <summary>Length of every vector (and of every query).</summary>
    int Dimensions { get; }

    /// <summary>Number of indexed vectors; ids are 0..Count-1 (row indexes of the matrix).</summary>
    int Count { get; }

    /// <summary>
    /// Finds up to <paramref name="k"/> vectors most similar to <paramref name="query"/>.
    /// </summary>
    /// <param name="query">Query vector of length <see cref="Dimensions"/>.</param>
    /// <param name="k">Number of neighbours wanted (0 returns nothing).</param>
    /// <param name="results">Receives the hits ordered by descending score (ties by ascending id);
    /// must hold at least min(k, Count) items.</param>
    /// <param name="filter">Optional predicate: an id is returned only when <c>filter(id)</c> is true.
    /// Null accepts every id.</param>
    /// <returns>The number of hits written to <paramref name="results"/>: min(k, number of accepted ids)
    /// for an exact index; an approximate index may return fewer only if the accepted ids are unreachable.</returns>
    /// <exception cref="ArgumentException">The query length differs from <see cref="Dimensions"/>,
    /// or <paramref name="results"/> is too short.</exception>
    int Search(ReadOnlySpan<float> query, int k, Span<Neighbor> results, Func<int, bool>? filter = null);
}
