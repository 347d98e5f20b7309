namespace Streaming.VectorIndex;

/// <summary>Argument checks shared by every <see cref="IVectorIndex"/> implementation.</summary>
internal static class SearchArguments
{
    /// <summary>Validates a search call and returns how many results can be produced at most.</summary>
    public static int Validate(int dimensions, int count, ReadOnlySpan<float> query, int k, Span<Neighbor> results)
    {
        if (query.Length != dimensions)
        {
            throw new ArgumentException(
                $"Query has {query.Length} dimensions but the index holds {dimensions}-dimensional vectors.",
                nameof(query));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(k);
        var wanted = Math.Min(k, count);
        if (results.Length < wanted)
        {
            throw new ArgumentException(
                $"Results span holds {results.Length} items but up to {wanted} may be returned.", nameof(results));
        }

        return wanted;
    }
}
