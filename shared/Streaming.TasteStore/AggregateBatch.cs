namespace Streaming.TasteStore;

/// <summary>
/// Trending, transition and co-listening increments of a batch, summed per key before writing. Contributions are
/// forward-decayed: an event at t adds <c>2^((t - epoch)/halfLife)</c>, so scores of different times
/// add up and compare without rewriting old entries. No user id is kept.
/// </summary>
public sealed class AggregateBatch
{
    private readonly TasteStoreOptions _options;
    private readonly TasteKeys _keys;
    private readonly long _epochMs;

    internal AggregateBatch(TasteStoreOptions options, TasteKeys keys)
    {
        _options = options;
        _keys = keys;
        _epochMs = options.DecayEpoch.ToUnixTimeMilliseconds();
        Trending = new Dictionary<string, double>[keys.TrendingShards];
    }

    internal Dictionary<string, double>?[] Trending { get; }

    internal Dictionary<string, Dictionary<string, double>> Transitions { get; } = new(StringComparer.Ordinal);

    internal Dictionary<string, Dictionary<string, double>> CoListening { get; } = new(StringComparer.Ordinal);

    public int Count { get; private set; }

    public void AddPlay(string trackId, long eventTimeMs)
    {
        var shard = _keys.TrendingShardOf(trackId);
        var scores = Trending[shard] ??= new Dictionary<string, double>(StringComparer.Ordinal);
        scores[trackId] = scores.GetValueOrDefault(trackId) + ForwardWeight(eventTimeMs, _options.TrendingHalfLife);
        Count++;
    }

    public void AddTransition(string fromTrackId, string toTrackId, long eventTimeMs) =>
        Add(Transitions, fromTrackId, toTrackId, ForwardWeight(eventTimeMs, _options.TransitionHalfLife));

    /// <summary>Two tracks played near each other in a session: each counts for the other.</summary>
    public void AddCoListening(string trackId, string otherTrackId, long eventTimeMs)
    {
        var weight = ForwardWeight(eventTimeMs, _options.CoListeningHalfLife);
        Add(CoListening, trackId, otherTrackId, weight);
        Add(CoListening, otherTrackId, trackId, weight);
    }

    public void Clear()
    {
        Array.Clear(Trending);
        Transitions.Clear();
        CoListening.Clear();
        Count = 0;
    }

    private void Add(Dictionary<string, Dictionary<string, double>> lists, string from, string to, double weight)
    {
        if (!lists.TryGetValue(from, out var scores))
        {
            lists[from] = scores = new Dictionary<string, double>(StringComparer.Ordinal);
        }
        scores[to] = scores.GetValueOrDefault(to) + weight;
        Count++;
    }

    private double ForwardWeight(long eventTimeMs, TimeSpan halfLife) =>
        Math.Pow(2.0, (eventTimeMs - _epochMs) / halfLife.TotalMilliseconds);
}
