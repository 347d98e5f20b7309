namespace Streaming.Replay.Baselines;

/// <summary>
/// Counts per key, enumerated in first-insertion order (like a Python dict/Counter), so sums over it
/// are added in the same order as the reference script.
/// </summary>
public sealed class OrderedCounter
{
    private readonly Dictionary<int, int> _slot = [];
    private readonly List<int> _keys = [];
    private readonly List<int> _counts = [];

    public int Count => _keys.Count;

    public void Add(int key, int amount = 1)
    {
        if (_slot.TryGetValue(key, out var slot))
        {
            _counts[slot] += amount;
        }
        else
        {
            _slot.Add(key, _keys.Count);
            _keys.Add(key);
            _counts.Add(amount);
        }
    }

    public int this[int key] => _slot.TryGetValue(key, out var slot) ? _counts[slot] : 0;

    public int KeyAt(int slot) => _keys[slot];

    public int CountAt(int slot) => _counts[slot];
}
