namespace Streaming.VectorIndex;

/// <summary>Growable max-heap by score: the next node a graph search expands is the most similar one.</summary>
internal sealed class CandidateHeap
{
    private Neighbor[] _items = new Neighbor[64];
    private int _count;

    public int Count => _count;

    public Neighbor Best => _items[0];

    public void Clear() => _count = 0;

    public void Push(int id, float score)
    {
        if (_count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        var item = new Neighbor(id, score);
        var index = _count++;
        while (index > 0)
        {
            var parent = (index - 1) >> 1;
            if (_items[parent].Score >= score)
            {
                break;
            }

            _items[index] = _items[parent];
            index = parent;
        }

        _items[index] = item;
    }

    public Neighbor Pop()
    {
        var best = _items[0];
        var last = _items[--_count];
        var index = 0;
        while (true)
        {
            var child = (index << 1) + 1;
            if (child >= _count)
            {
                break;
            }

            if (child + 1 < _count && _items[child + 1].Score > _items[child].Score)
            {
                child++;
            }

            if (last.Score >= _items[child].Score)
            {
                break;
            }

            _items[index] = _items[child];
            index = child;
        }

        if (_count > 0)
        {
            _items[index] = last;
        }

        return best;
    }
}
