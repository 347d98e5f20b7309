using System.Collections.Concurrent;
using Streaming.Recommender.Index;
using Streaming.TasteStore;

namespace Streaming.Recommender.Ranking;

/// <summary>
/// A near cache of "successors of track T" (the worker's online transitions), as catalog rows of one index.
/// Transitions decay over weeks, so a few seconds of staleness change nothing, while the cache spares most
/// <c>next</c> answers their second Redis round trip. Bounded: cleared when full; rebuilt for a new index.
/// </summary>
public sealed class TransitionCache(TimeSpan ttl, int capacity)
{
    private State _state = new(null, new ConcurrentDictionary<string, Entry>(StringComparer.Ordinal));

    public bool TryGet(TrackIndex index, string trackId, out Successor[] successors)
    {
        var state = Volatile.Read(ref _state);
        if (ReferenceEquals(state.Index, index) && state.Entries.TryGetValue(trackId, out var entry) && entry.ExpiresAt > Environment.TickCount64)
        {
            successors = entry.Successors;
            return true;
        }
        successors = [];
        return false;
    }

    /// <summary>Resolves successors to rows of <paramref name="index"/> (unknown ids dropped), caches and returns them.</summary>
    public Successor[] Set(TrackIndex index, string trackId, IReadOnlyList<ScoredTrack> successors)
    {
        var rows = new List<Successor>(successors.Count);
        foreach (var s in successors)
        {
            var row = index.Snapshot.IndexOf(s.TrackId);
            if (row >= 0)
            {
                rows.Add(new Successor(row, (float)s.Score));
            }
        }
        var resolved = rows.ToArray();
        if (ttl <= TimeSpan.Zero)
        {
            return resolved;
        }
        var state = Volatile.Read(ref _state);
        if (!ReferenceEquals(state.Index, index) || state.Entries.Count >= capacity)
        {
            state = new State(index, new ConcurrentDictionary<string, Entry>(StringComparer.Ordinal));
            Volatile.Write(ref _state, state);
        }
        state.Entries[trackId] = new Entry(resolved, Environment.TickCount64 + (long)ttl.TotalMilliseconds);
        return resolved;
    }

    /// <summary>A successor row and its (forward-decayed) transition score.</summary>
    public readonly record struct Successor(int Row, float Score);

    private sealed record Entry(Successor[] Successors, long ExpiresAt);

    private sealed record State(TrackIndex? Index, ConcurrentDictionary<string, Entry> Entries);
}
