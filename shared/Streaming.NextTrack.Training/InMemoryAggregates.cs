using Streaming.TasteStore;

namespace Streaming.NextTrack.Training;

/// <summary>
/// Trending, successors and co-listening as the worker keeps them in Redis, in memory: forward-decayed scores
/// (<see cref="TasteStoreOptions.DecayEpoch"/>, the same half-lives) and the same top-N per track, trimmed after
/// every event the way the store trims after every write. Lists read as decayed counts at a given time.
/// </summary>
public sealed class InMemoryAggregates(TasteStoreOptions options)
{
    private readonly Dictionary<string, Dictionary<string, double>> _successors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, double>> _coListening = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _trending = new(StringComparer.Ordinal);
    private readonly long _epochMs = options.DecayEpoch.ToUnixTimeMilliseconds();

    public TasteStoreOptions Options => options;

    public void AddPlay(string trackId, long eventTimeMs) =>
        _trending[trackId] = _trending.GetValueOrDefault(trackId) + Forward(eventTimeMs, options.TrendingHalfLife);

    public void AddTransition(string from, string to, long eventTimeMs) =>
        Add(_successors, from, to, Forward(eventTimeMs, options.TransitionHalfLife), options.TransitionsPerTrack);

    public void AddCoListening(string a, string b, long eventTimeMs)
    {
        var weight = Forward(eventTimeMs, options.CoListeningHalfLife);
        Add(_coListening, a, b, weight, options.CoListeningPerTrack);
        Add(_coListening, b, a, weight, options.CoListeningPerTrack);
    }

    public IReadOnlyList<(string TrackId, double Count)> Successors(string trackId, int take, long nowMs) =>
        Read(_successors, trackId, take, Scale(nowMs, options.TransitionHalfLife));

    public IReadOnlyList<(string TrackId, double Count)> CoListening(string trackId, int take, long nowMs) =>
        Read(_coListening, trackId, take, Scale(nowMs, options.CoListeningHalfLife));

    /// <summary>The most played tracks overall, best first, with scores scaled to [0, 1] (as the recommender's trending list).</summary>
    public IReadOnlyList<(string TrackId, double Share)> Trending(int take)
    {
        var top = _trending.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(take).ToArray();
        var max = top.Length > 0 ? top[0].Value : 0;
        return top.Select(p => (p.Key, max > 0 ? p.Value / max : 0)).ToArray();
    }

    private static void Add(Dictionary<string, Dictionary<string, double>> lists, string from, string to, double weight, int capacity)
    {
        if (!lists.TryGetValue(from, out var scores))
        {
            lists[from] = scores = new Dictionary<string, double>(StringComparer.Ordinal);
        }
        scores[to] = scores.GetValueOrDefault(to) + weight;
        if (scores.Count > capacity)
        {
            // As ZREMRANGEBYRANK 0 -cap-1 after the write: the lowest scores go (ties by member, Redis' order).
            var drop = scores.OrderBy(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(scores.Count - capacity).Select(p => p.Key).ToArray();
            foreach (var key in drop)
            {
                scores.Remove(key);
            }
        }
    }

    private static IReadOnlyList<(string, double)> Read(Dictionary<string, Dictionary<string, double>> lists, string from, int take, double scale) =>
        lists.TryGetValue(from, out var scores)
            ? scores.OrderByDescending(p => p.Value).ThenByDescending(p => p.Key, StringComparer.Ordinal).Take(take).Select(p => (p.Key, p.Value * scale)).ToArray()
            : [];

    private double Forward(long eventTimeMs, TimeSpan halfLife) => Math.Pow(2.0, (eventTimeMs - _epochMs) / halfLife.TotalMilliseconds);

    private double Scale(long nowMs, TimeSpan halfLife) => Math.Pow(2.0, -(nowMs - _epochMs) / halfLife.TotalMilliseconds);
}
