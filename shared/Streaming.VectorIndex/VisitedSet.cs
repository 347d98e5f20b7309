namespace Streaming.VectorIndex;

/// <summary>
/// Marks nodes seen during one graph search. Each search bumps a generation number instead of clearing,
/// so starting a search costs nothing however large the graph.
/// </summary>
internal sealed class VisitedSet
{
    private int[] _marks = [];
    private int _generation;

    /// <summary>Begins a new search over a graph of <paramref name="nodeCount"/> nodes.</summary>
    public void Reset(int nodeCount)
    {
        if (_marks.Length < nodeCount)
        {
            _marks = new int[nodeCount];
            _generation = 0;
        }

        if (++_generation == int.MaxValue)
        {
            Array.Clear(_marks);
            _generation = 1;
        }
    }

    /// <summary>Marks <paramref name="id"/>; false when it was already marked in this search.</summary>
    public bool TryVisit(int id)
    {
        ref var mark = ref _marks[id];
        if (mark == _generation)
        {
            return false;
        }

        mark = _generation;
        return true;
    }
}
