using Streaming.Catalog.Core;

namespace Streaming.Recommender.Ranking;

/// <summary>Catalog rows an answer must never contain (recent plays, session skips, excluded ids, played tracks).</summary>
public sealed class Exclusions
{
    // Index walks ask about a thousand rows per answer, nearly all not excluded: a 1024-bit mask of
    // (row mod 1024) answers most of those with one bit test before the hash set is consulted.
    private const int MaskBits = 1024;

    private readonly HashSet<int> _rows;
    private readonly ulong[] _mask = new ulong[MaskBits / 64];

    public Exclusions(int capacity = 0) => _rows = new HashSet<int>(capacity);

    public int Count => _rows.Count;

    public bool Contains(int row)
    {
        var bit = row & (MaskBits - 1);
        return (_mask[bit >> 6] & (1UL << bit)) != 0 && _rows.Contains(row);
    }

    /// <summary>Adds the row of each of the first <paramref name="max"/> ids (aliases resolve to their canonical row); unknown ids are ignored.</summary>
    public void AddIds(CatalogSnapshot snapshot, IEnumerable<string> ids, int max = int.MaxValue)
    {
        var taken = 0;
        foreach (var id in ids)
        {
            if (taken++ >= max)
            {
                break;
            }
            var row = snapshot.IndexOf(id);
            if (row >= 0)
            {
                AddRow(row);
            }
        }
    }

    public void AddRow(int row)
    {
        _rows.Add(row);
        var bit = row & (MaskBits - 1);
        _mask[bit >> 6] |= 1UL << bit;
    }
}
