namespace Streaming.Replay.Baselines;

/// <summary>
/// Tracks ranked by count, ties by first-counted order: the order of Python's <c>Counter.most_common</c>
/// (a stable sort of insertion-ordered keys). Counts only grow, one at a time.
/// </summary>
public sealed class PopularityRanking
{
    private readonly SortedSet<Entry> _ranked = new(EntryComparer.Instance);
    private readonly Dictionary<int, Entry> _entries = [];

    public int Count => _entries.Count;

    public void Increment(int trackKey)
    {
        if (_entries.TryGetValue(trackKey, out var entry))
        {
            _ranked.Remove(entry);
            entry = entry with { Count = entry.Count + 1 };
        }
        else
        {
            entry = new Entry(trackKey, 1, _entries.Count);
        }
        _entries[trackKey] = entry;
        _ranked.Add(entry);
    }

    public int CountOf(int trackKey) => _entries.TryGetValue(trackKey, out var e) ? e.Count : 0;

    /// <summary>Track keys, most counted first.</summary>
    public IEnumerable<int> Ranked()
    {
        foreach (var entry in _ranked)
        {
            yield return entry.Key;
        }
    }

    /// <summary>The first <paramref name="count"/> ranked keys that <paramref name="skip"/> rejects not.</summary>
    public List<int> Top(int count, Func<int, bool> skip)
    {
        var top = new List<int>(count);
        if (count <= 0)
        {
            return top;
        }
        foreach (var entry in _ranked)
        {
            if (!skip(entry.Key))
            {
                top.Add(entry.Key);
                if (top.Count == count)
                {
                    break;
                }
            }
        }
        return top;
    }

    private readonly record struct Entry(int Key, int Count, int Order);

    private sealed class EntryComparer : IComparer<Entry>
    {
        public static EntryComparer Instance { get; } = new();

        public int Compare(Entry a, Entry b)
        {
            var byCount = b.Count.CompareTo(a.Count);
            return byCount != 0 ? byCount : a.Order.CompareTo(b.Order);
        }
    }
}
