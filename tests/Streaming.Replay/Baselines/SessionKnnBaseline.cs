using Streaming.Replay.Protocol;

namespace Streaming.Replay.Baselines;

/// <summary>
/// Session item-kNN, exactly as <c>next_track_baselines.py</c>: two tracks co-occur when both were
/// played (not skipped) within <see cref="Neighbourhood"/> plays of each other in one session (counted
/// symmetrically); a candidate scores <c>sum co(s, x) / (w + 1)</c> over the last 5 session tracks
/// <c>s</c>, <c>w</c> = 0 for the latest; ties keep first-seen order; short lists are filled by popularity.
/// A session ends after more than 30 minutes of silence (any play, skips included, keeps it alive).
/// Private plays, like skips, are not learned from.
/// </summary>
public sealed class SessionKnnBaseline : INextTrackModel
{
    public const int Neighbourhood = 5;

    private readonly Dictionary<int, OrderedCounter> _cooccurrence = [];
    private readonly PopularityRanking _popularity = new();
    private readonly Dictionary<int, List<int>> _sessions = [];
    private readonly Dictionary<int, DateTimeOffset> _lastPlayed = [];

    public string Name => "session-kNN";

    public IReadOnlyList<int> Recommend(TimelineEvent next, IReadOnlySet<int> exclude, int count)
    {
        var session = CurrentSession(next);
        var slot = new Dictionary<int, int>();
        var keys = new List<int>();
        var scores = new List<double>();
        var from = Math.Max(0, session.Count - Neighbourhood);
        for (var i = session.Count - 1; i >= from; i--)
        {
            var weight = session.Count - 1 - i + 1.0;
            if (!_cooccurrence.TryGetValue(session[i], out var neighbours))
            {
                continue;
            }
            for (var n = 0; n < neighbours.Count; n++)
            {
                var candidate = neighbours.KeyAt(n);
                if (exclude.Contains(candidate))
                {
                    continue;
                }
                var add = neighbours.CountAt(n) / weight;
                if (slot.TryGetValue(candidate, out var at))
                {
                    scores[at] += add;
                }
                else
                {
                    slot.Add(candidate, keys.Count);
                    keys.Add(candidate);
                    scores.Add(add);
                }
            }
        }

        // Stable: equal scores keep first-seen order, as Counter.most_common does.
        var ranked = Enumerable.Range(0, keys.Count)
            .OrderByDescending(i => scores[i])
            .Take(count)
            .Select(i => keys[i])
            .ToList();
        if (ranked.Count < count)
        {
            ranked.AddRange(_popularity.Top(count - ranked.Count, k => exclude.Contains(k) || slot.ContainsKey(k)));
        }
        return ranked;
    }

    public void Observe(TimelineEvent e)
    {
        if (!_sessions.TryGetValue(e.UserOrdinal, out var session)
            || (_lastPlayed.TryGetValue(e.UserOrdinal, out var last) && ReplayProtocol.StartsNewSession(last, e.OccurredAt)))
        {
            session = [];
            _sessions[e.UserOrdinal] = session;
        }
        if (!e.IsSkip && !e.Play.IsPrivate)
        {
            _popularity.Increment(e.TrackKey);
            for (var i = Math.Max(0, session.Count - Neighbourhood); i < session.Count; i++)
            {
                var s = session[i];
                if (s != e.TrackKey)
                {
                    Neighbours(s).Add(e.TrackKey);
                    Neighbours(e.TrackKey).Add(s);
                }
            }
            session.Add(e.TrackKey);
        }
        _lastPlayed[e.UserOrdinal] = e.OccurredAt;
    }

    private List<int> CurrentSession(TimelineEvent e) =>
        _sessions.TryGetValue(e.UserOrdinal, out var session)
        && _lastPlayed.TryGetValue(e.UserOrdinal, out var last)
        && !ReplayProtocol.StartsNewSession(last, e.OccurredAt)
            ? session
            : [];

    private OrderedCounter Neighbours(int trackKey)
    {
        if (!_cooccurrence.TryGetValue(trackKey, out var counter))
        {
            counter = new OrderedCounter();
            _cooccurrence.Add(trackKey, counter);
        }
        return counter;
    }
}
