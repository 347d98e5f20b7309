using Streaming.Replay.Protocol;

namespace Streaming.Replay.Live;

/// <summary>
/// Per user: the play index of the last event the gateway accepted and of the last one the recommender
/// reported as applied (read back from the deterministic event ids). Their difference, summed over users,
/// is what is still in Kafka or the worker: the replay's lag, which bounds how far it may run ahead.
/// </summary>
public sealed class AppliedTracker(IReadOnlyList<string> userIds)
{
    private readonly int[] _posted = Enumerable.Repeat(-1, userIds.Count).ToArray();
    private readonly int[] _applied = Enumerable.Repeat(-1, userIds.Count).ToArray();
    private readonly int[] _counted = new int[userIds.Count];
    private readonly Lock _lock = new();
    private long _outstanding;
    private long _aheadOfPosted;
    private bool _anyApplied;

    /// <summary>Answers that reported an event of the user this run had not posted yet (state left from an earlier run).</summary>
    public long AheadOfPosted => Interlocked.Read(ref _aheadOfPosted);

    public long Outstanding => Interlocked.Read(ref _outstanding);

    /// <summary>True once any answer reported one of the replay's events as applied.</summary>
    public bool AnyApplied => Volatile.Read(ref _anyApplied);

    public int OutstandingOf(int user)
    {
        lock (_lock)
        {
            return Math.Max(0, _posted[user] - _applied[user]);
        }
    }

    public int LastPostedOf(int user)
    {
        lock (_lock)
        {
            return _posted[user];
        }
    }

    public void Posted(int user, int lastAcceptedIndex)
    {
        lock (_lock)
        {
            if (lastAcceptedIndex > _posted[user])
            {
                _posted[user] = lastAcceptedIndex;
                Recount(user);
            }
        }
    }

    /// <summary>Reads the applied index from an answer; returns it, or null when the answer names none of this user's replay events.</summary>
    public int? Observe(int user, NextAnswer answer)
    {
        var index = ReplayIds.PlayIndexOf(userIds[user], answer.LastAppliedEventId);
        if (index is not { } applied)
        {
            return null;
        }
        Volatile.Write(ref _anyApplied, true);
        lock (_lock)
        {
            if (applied > _posted[user])
            {
                Interlocked.Increment(ref _aheadOfPosted);
            }
            if (applied > _applied[user])
            {
                _applied[user] = applied;
                Recount(user);
            }
        }
        return applied;
    }

    /// <summary>Users with the most events posted but not yet seen applied, most first.</summary>
    public IReadOnlyList<int> MostBehind(int count)
    {
        lock (_lock)
        {
            return Enumerable.Range(0, _posted.Length)
                .Where(u => _posted[u] > _applied[u])
                .OrderByDescending(u => _posted[u] - _applied[u])
                .Take(count)
                .ToArray();
        }
    }

    private void Recount(int user)
    {
        var now = Math.Max(0, _posted[user] - _applied[user]);
        Interlocked.Add(ref _outstanding, now - _counted[user]);
        _counted[user] = now;
    }
}
