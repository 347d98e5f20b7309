namespace Streaming.NextTrack;

/// <summary>Catalog rows an answer must never contain.</summary>
public sealed class ExclusionSet
{
    // Index walks ask about a thousand rows per answer, nearly all not excluded: a 1024-bit mask of
    // (row mod 1024) answers most of those with one bit test before the hash set is consulted.
    private const int MaskBits = 1024;

    private readonly HashSet<int> _rows;
    private readonly ulong[] _mask = new ulong[MaskBits / 64];

    public ExclusionSet(int capacity = 0) => _rows = new HashSet<int>(capacity);

    public int Count => _rows.Count;

    public bool Contains(int row)
    {
        var bit = row & (MaskBits - 1);
        return (_mask[bit >> 6] & (1UL << bit)) != 0 && _rows.Contains(row);
    }

    /// <summary>Adds a row (negative rows, unknown tracks, are ignored).</summary>
    public void Add(int row)
    {
        if (row < 0)
        {
            return;
        }
        _rows.Add(row);
        var bit = row & (MaskBits - 1);
        _mask[bit >> 6] |= 1UL << bit;
    }
}
