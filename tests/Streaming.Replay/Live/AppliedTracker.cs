using Streaming.Replay.Protocol;

namespace Streaming.Replay.Live;

/// <summary>
/// Per user: the play index of the last event the gateway accepted and of the last one the recommender
/// reported as applied (read back from the deterministic event ids). Their difference is what is still in
/// Kafka or the worker: the replay's lag, summed per partition (see <see cref="KafkaPartitions"/>) and
/// overall, which bounds how far the replay may run ahead.
/// </summary>
public sealed class AppliedTracker
{
    private readonly IReadOnlyList<string> _userIds;
    private readonly int[] _partitionOf;
    private readonly int[] _posted;
    private readonly int[] _applied;
    private readonly int[] _counted;
    private readonly long[] _partitionOutstanding;
    private readonly long[] _partitionReserved;
    private long _reserved;
    private readonly Lock _lock = new();
    private long _outstanding;
    private long _aheadOfPosted;
    private bool _anyApplied;

    public AppliedTracker(IReadOnlyList<string> userIds, int partitions = KafkaPartitions.DevBrokerPartitions)
    {
        _userIds = userIds;
        _partitionOf = userIds.Select(u => KafkaPartitions.Of(u, partitions)).ToArray();
        _posted = Enumerable.Repeat(-1, userIds.Count).ToArray();
        _applied = Enumerable.Repeat(-1, userIds.Count).ToArray();
        _counted = new int[userIds.Count];
        _partitionOutstanding = new long[partitions];
        _partitionReserved = new long[partitions];
    }

    /// <summary>Answers that reported an event of the user this run had not posted yet (state left from an earlier run).</summary>
    public long AheadOfPosted => Interlocked.Read(ref _aheadOfPosted);

    public long Outstanding
    {
        get
        {
            lock (_lock)
            {
                return _outstanding;
            }
        }
    }

    /// <summary>True once any answer reported one of the replay's events as applied.</summary>
    public bool AnyApplied => Volatile.Read(ref _anyApplied);

    public int PartitionOf(int user) => _partitionOf[user];

    /// <summary>Posted but not seen applied, plus dispatched but not yet posted (see <see cref="Reserve"/>).</summary>
    public long InFlight
    {
        get
        {
            lock (_lock)
            {
                return _outstanding + _reserved;
            }
        }
    }

    public long InFlightOfPartition(int partition)
    {
        lock (_lock)
        {
            return _partitionOutstanding[partition] + _partitionReserved[partition];
        }
    }

    /// <summary>Counts a dispatched step's events until <see cref="Release"/> (after its post), so concurrent steps cannot overshoot a bound.</summary>
    public void Reserve(int user, int events)
    {
        lock (_lock)
        {
            _reserved += events;
            _partitionReserved[_partitionOf[user]] += events;
        }
    }

    public void Release(int user, int events) => Reserve(user, -events);

    public int OutstandingOf(int user)
    {
        lock (_lock)
        {
            return _counted[user];
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
        var index = ReplayIds.PlayIndexOf(_userIds[user], answer.LastAppliedEventId);
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

    /// <summary>Users with events posted but not yet seen applied, most first; only those of <paramref name="partition"/> when given.</summary>
    public IReadOnlyList<int> MostBehind(int count, int? partition = null)
    {
        lock (_lock)
        {
            return Enumerable.Range(0, _posted.Length)
                .Where(u => _counted[u] > 0 && (partition is null || _partitionOf[u] == partition))
                .OrderByDescending(u => _counted[u])
                .Take(count)
                .ToArray();
        }
    }

    private void Recount(int user)
    {
        var now = Math.Max(0, _posted[user] - _applied[user]);
        var delta = now - _counted[user];
        _counted[user] = now;
        _partitionOutstanding[_partitionOf[user]] += delta;
        _outstanding += delta;
    }
}
