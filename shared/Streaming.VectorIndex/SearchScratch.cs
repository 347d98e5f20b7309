namespace Streaming.VectorIndex;

/// <summary>
/// Per-thread working memory of a graph search (visited marks, candidate heap, result buffer).
/// Rented from a thread-static slot so concurrent searches never share it and steady-state
/// searches allocate nothing; a nested search on the same thread (e.g. from a filter) gets a fresh one.
/// </summary>
internal sealed class SearchScratch
{
    [ThreadStatic]
    private static SearchScratch? t_cached;

    private Neighbor[] _results = new Neighbor[64];

    public VisitedSet Visited { get; } = new();

    public CandidateHeap Candidates { get; } = new();

    /// <summary>Buffer for the bounded result heap of a search with the given ef.</summary>
    public Span<Neighbor> Results(int ef)
    {
        if (_results.Length < ef)
        {
            _results = new Neighbor[Math.Max(ef, _results.Length * 2)];
        }

        return _results.AsSpan(0, ef);
    }

    public static SearchScratch Rent()
    {
        var scratch = t_cached ?? new SearchScratch();
        t_cached = null;
        return scratch;
    }

    public static void Return(SearchScratch scratch) => t_cached = scratch;
}
