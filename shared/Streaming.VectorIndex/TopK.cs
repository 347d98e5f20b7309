using System.Runtime.CompilerServices;

namespace Streaming.VectorIndex;

/// <summary>
/// Bounded top-k selection over caller-provided storage: a binary heap with the worst kept item at the
/// root, so each candidate costs one comparison unless it beats the current k-th best.
/// </summary>
internal ref struct TopK
{
    private readonly Span<Neighbor> _heap;
    private readonly NeighborOrder _order;
    private int _count;

    public TopK(Span<Neighbor> storage, NeighborOrder order = default)
    {
        _heap = storage;
        _order = order;
        _count = 0;
    }

    public readonly int Count => _count;

    public readonly int Capacity => _heap.Length;

    public readonly bool IsFull => _count == _heap.Length;

    /// <summary>The worst item kept so far; only meaningful when <see cref="Count"/> &gt; 0.</summary>
    public readonly Neighbor Worst => _heap[0];

    /// <summary>True when a candidate with this score and id would be kept.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly bool Admits(float score, int id) =>
        _count < _heap.Length || _order.IsBetter(score, id, _heap[0]);

    /// <summary>Adds a candidate, evicting the worst when full. Callers check <see cref="Admits"/> first.</summary>
    public void Add(float score, int id)
    {
        var item = new Neighbor(id, score);
        if (_count < _heap.Length)
        {
            SiftUp(_count++, item);
        }
        else
        {
            SiftDown(0, item);
        }
    }

    /// <summary>Orders the kept items best first in place and returns how many there are.</summary>
    public readonly int SortDescending()
    {
        _order.Sort(_heap[.._count]);
        return _count;
    }

    private readonly void SiftUp(int index, Neighbor item)
    {
        while (index > 0)
        {
            var parent = (index - 1) >> 1;
            if (!_order.IsBetter(_heap[parent], item))
            {
                break;
            }

            _heap[index] = _heap[parent];
            index = parent;
        }

        _heap[index] = item;
    }

    private readonly void SiftDown(int index, Neighbor item)
    {
        var count = _count;
        while (true)
        {
            var child = (index << 1) + 1;
            if (child >= count)
            {
                break;
            }

            // Pick the worse child: the root must stay the worst item.
            if (child + 1 < count && _order.IsBetter(_heap[child], _heap[child + 1]))
            {
                child++;
            }

            if (!_order.IsBetter(item, _heap[child]))
            {
                break;
            }

            _heap[index] = _heap[child];
            index = child;
        }

        _heap[index] = item;
    }
}
