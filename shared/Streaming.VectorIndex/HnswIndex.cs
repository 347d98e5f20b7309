namespace Streaming.VectorIndex;

/// <summary>
/// Approximate k-nearest-neighbour index: a Hierarchical Navigable Small World graph (Malkov &amp; Yashunin)
/// over the rows of a <see cref="VectorMatrix"/>. Immutable once built; concurrent searches are safe and
/// allocation-free in steady state (each thread reuses its own visited marks and heaps).
/// </summary>
public sealed class HnswIndex : IVectorIndex
{
    /// <summary>
    /// A filtered walk that has scored 1/8 of the graph falls back to the exact scan: random access to
    /// that many rows already costs about as much as reading all of them in order.
    /// </summary>
    private const int FilteredVisitShare = 8;

    private readonly HnswGraph _graph;
    private readonly float[] _data;
    private readonly ExactIndex _exact;
    private readonly QuantizedRows? _codes;

    internal HnswIndex(VectorMatrix vectors, HnswGraph graph, HnswOptions options, QuantizedRows? codes = null)
    {
        Vectors = vectors;
        Options = options;
        _graph = graph;
        _data = vectors.Data;
        _exact = new ExactIndex(vectors);
        _codes = options.QuantizedSearch && QuantizedRows.IsSupported(vectors.Dimensions)
            ? codes ?? QuantizedRows.Create(vectors)
            : null;
        Dimensions = vectors.Dimensions;
        Count = vectors.Count;
    }

    public VectorMatrix Vectors { get; }

    /// <summary>The parameters the graph was built with; <see cref="HnswOptions.EfSearch"/> is the search default.</summary>
    public HnswOptions Options { get; }

    public int Dimensions { get; }

    public int Count { get; }

    /// <summary>True when searches walk the graph on 8-bit codes and re-score the final candidates exactly.</summary>
    public bool IsQuantized => _codes is not null;

    /// <summary>Number of layers above layer 0.</summary>
    public int MaxLevel => _graph.MaxLevel;

    internal HnswGraph Graph => _graph;

    /// <summary>Builds the graph, in parallel unless <see cref="HnswOptions.MaxDegreeOfParallelism"/> is 1.</summary>
    /// <param name="progress">Optionally told how many vectors are inserted, now and then.</param>
    public static HnswIndex Build(
        VectorMatrix vectors,
        HnswOptions? options = null,
        IProgress<int>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        options ??= new HnswOptions();
        options.Validate();
        var graph = HnswBuilder.Build(vectors, options, progress, cancellationToken);
        return new HnswIndex(vectors, graph, options);
    }

    /// <summary>Reads a graph written by <see cref="Save"/> and attaches it to the same vectors.</summary>
    /// <exception cref="InvalidDataException">The stream is not a graph of these vectors.</exception>
    public static HnswIndex Load(Stream stream, VectorMatrix vectors) => HnswSerializer.Read(stream, vectors);

    /// <summary>The same graph searched with another default candidate list size (nothing is copied).</summary>
    public HnswIndex WithEfSearch(int efSearch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(efSearch, 1);
        return new HnswIndex(Vectors, _graph, Options with { EfSearch = efSearch }, _codes);
    }

    /// <summary>The same graph searched on 8-bit codes or on the floats throughout (nothing else is copied).</summary>
    public HnswIndex WithQuantizedSearch(bool quantized) =>
        new(Vectors, _graph, Options with { QuantizedSearch = quantized }, _codes);

    /// <summary>Writes the graph (not the vectors) so a replica can load it instead of rebuilding.</summary>
    public void Save(Stream stream) => HnswSerializer.Write(stream, this);

    public int Search(ReadOnlySpan<float> query, int k, Span<Neighbor> results, Func<int, bool>? filter = null) =>
        Search(query, k, results, filter, Options.EfSearch);

    /// <summary>As <see cref="Search(ReadOnlySpan{float}, int, Span{Neighbor}, Func{int, bool}?)"/> with an explicit
    /// candidate list size: larger <paramref name="efSearch"/> trades speed for recall.</summary>
    public int Search(ReadOnlySpan<float> query, int k, Span<Neighbor> results, Func<int, bool>? filter, int efSearch)
    {
        var wanted = SearchArguments.Validate(Dimensions, Count, query, k, results);
        ArgumentOutOfRangeException.ThrowIfLessThan(efSearch, 1);
        if (wanted == 0)
        {
            return 0;
        }

        var ef = Math.Max(efSearch, wanted);
        if ((long)ef * 2 >= Count)
        {
            // The walk would touch most nodes anyway: a scan is cheaper, exact, and reaches every node.
            return _exact.Search(query, wanted, results, filter);
        }

        var scratch = SearchScratch.Rent();
        try
        {
            Span<Neighbor> found;
            bool exhausted;
            if (_codes is null)
            {
                found = Walk(new FloatRowScorer(query, _data, Dimensions), ef, filter, scratch, out exhausted);
            }
            else
            {
                Span<short> codes = stackalloc short[Dimensions];
                var scale = QuantizedRows.QuantizeQuery(query, codes);
                found = Walk(new QuantizedRowScorer(_codes, codes, scale), ef, filter, scratch, out exhausted);
            }

            if (exhausted)
            {
                return _exact.Search(query, wanted, results, filter);
            }

            if (_codes is not null)
            {
                // The walk ranked on codes; the answer carries exact scores, in exact order.
                foreach (var candidate in found)
                {
                    VectorMath.Prefetch(_data, candidate.Id, Dimensions);
                }

                for (var i = 0; i < found.Length; i++)
                {
                    found[i] = new Neighbor(found[i].Id, VectorMath.Dot(query, _data, found[i].Id, Dimensions));
                }
            }

            NeighborOrder.ById.Sort(found);
            var returned = Math.Min(found.Length, wanted);
            found[..returned].CopyTo(results);
            return returned;
        }
        finally
        {
            SearchScratch.Return(scratch);
        }
    }

    /// <summary>Greedy descent through the upper layers, then the ef-bounded walk of layer 0.</summary>
    private Span<Neighbor> Walk<TScorer>(scoped TScorer scorer, int ef, Func<int, bool>? filter, SearchScratch scratch, out bool exhausted)
        where TScorer : IRowScorer, allows ref struct
    {
        var current = _graph.EntryPoint;
        var currentScore = scorer.Score(current);
        for (var level = _graph.MaxLevel; level > 0; level--)
        {
            HnswSearch.Greedy(_graph, scorer, level, ref current, ref currentScore);
        }

        // Unfiltered walks stay far below the budget; a very selective filter can exhaust it.
        return HnswSearch.SearchLayer(
            _graph, scorer, current, currentScore, 0, ef, filter, scratch, NeighborOrder.ById,
            filter is null ? int.MaxValue : Math.Max(Count / FilteredVisitShare, ef * 64), out exhausted);
    }
}
