namespace Streaming.Replay.Protocol;

/// <summary>The last N track keys a user played (a sliding window, repeats kept).</summary>
public sealed class RecentPlays(int capacity)
{
    private readonly Queue<int> _window = new(capacity);

    public int Count => _window.Count;

    public void Add(int trackKey)
    {
        if (_window.Count == capacity)
        {
            _window.Dequeue();
        }
        _window.Enqueue(trackKey);
    }

    public bool Contains(int trackKey) => _window.Contains(trackKey);

    public HashSet<int> ToSet() => [.. _window];
}
