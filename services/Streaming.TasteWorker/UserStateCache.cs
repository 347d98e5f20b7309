using Confluent.Kafka;
using Microsoft.Extensions.Options;
using Streaming.TasteStore;

namespace Streaming.TasteWorker;

/// <summary>
/// The state of the users of the partitions this worker holds, as Redis holds it after this worker's last write
/// (<see cref="TasteStore.TasteStore.StateAfter"/>), so a batch folds its users without reading them. Kafka sends all
/// of a user's records to one partition and one partition to one member of the group, so while the partition is held
/// nobody else writes these users. Safe even when that is briefly untrue (a revoked or lost member still writing): each
/// write is a compare-and-set on the user's sequence, which is therefore the fence, per user, in the user's own slot.
/// A write that loses the race drops the user here and the next attempt reads Redis. Partitions are dropped on
/// revocation or loss; the least recently used users go beyond <see cref="TasteWorkerOptions.MaxCachedUsers"/>.
/// Used by the consume loop's thread only (rebalance callbacks run inside its <c>Consume</c>); the lock is for safety.
/// </summary>
public sealed class UserStateCache(IOptions<TasteWorkerOptions> options)
{
    private readonly Dictionary<TopicPartition, Dictionary<string, Entry>> _partitions = [];
    private readonly int _capacity = options.Value.MaxCachedUsers;
    private readonly Lock _lock = new();
    private long _clock;
    private int _count;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _count;
            }
        }
    }

    public void Assign(IEnumerable<TopicPartition> partitions)
    {
        lock (_lock)
        {
            foreach (var p in partitions)
            {
                _partitions.TryAdd(p, []);
            }
        }
    }

    public void Drop(IEnumerable<TopicPartition> partitions)
    {
        lock (_lock)
        {
            foreach (var p in partitions)
            {
                if (_partitions.Remove(p, out var users))
                {
                    _count -= users.Count;
                }
            }
        }
    }

    /// <summary>Forgets every user, keeping the assignment (a batch failed midway: its in-place folds are not in Redis).</summary>
    public void Clear()
    {
        lock (_lock)
        {
            foreach (var users in _partitions.Values)
            {
                users.Clear();
            }
            _count = 0;
        }
    }

    public bool TryGet(TopicPartition partition, string userId, out StoredUserState state)
    {
        lock (_lock)
        {
            if (_partitions.TryGetValue(partition, out var users) && users.TryGetValue(userId, out var entry))
            {
                entry.Used = ++_clock;
                state = entry.State;
                return true;
            }
            state = null!;
            return false;
        }
    }

    /// <summary>Keeps what Redis now holds for the user; ignored for a partition not held (revoked while the batch ran).</summary>
    public void Put(TopicPartition partition, StoredUserState state)
    {
        lock (_lock)
        {
            if (!_partitions.TryGetValue(partition, out var users))
            {
                return;
            }
            if (users.TryGetValue(state.UserId, out var entry))
            {
                entry.State = state;
                entry.Used = ++_clock;
                return;
            }
            users[state.UserId] = new Entry { State = state, Used = ++_clock };
            if (++_count > _capacity)
            {
                EvictLeastRecentlyUsed();
            }
        }
    }

    public void Remove(TopicPartition partition, string userId)
    {
        lock (_lock)
        {
            if (_partitions.TryGetValue(partition, out var users) && users.Remove(userId))
            {
                _count--;
            }
        }
    }

    /// <summary>Down to 90 % of the capacity, so the sort runs once per tenth of it.</summary>
    private void EvictLeastRecentlyUsed()
    {
        var target = _capacity - Math.Max(1, _capacity / 10);
        var byAge = _partitions.SelectMany(p => p.Value.Select(u => (Users: p.Value, UserId: u.Key, u.Value.Used)))
            .OrderBy(x => x.Used)
            .Take(_count - target)
            .ToList();
        foreach (var (users, userId, _) in byAge)
        {
            users.Remove(userId);
        }
        _count -= byAge.Count;
    }

    private sealed class Entry
    {
        public required StoredUserState State { get; set; }
        public long Used { get; set; }
    }
}
