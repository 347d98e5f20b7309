using System.Globalization;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Streaming.TasteMath;

namespace Streaming.TasteStore;

/// <summary>
/// Reads and writes user taste and the anonymous aggregates in Redis (schema: README.md). Readers use
/// <see cref="ReadUserContextAsync"/>, <see cref="ReadTrendingAsync"/>, the successor and co-listening lists
/// (<see cref="ReadTrackKeyListsAsync"/>, <see cref="ReadTransitionsAsync"/>, <see cref="ReadCoListeningAsync"/>)
/// and <see cref="ReadTopTracksAsync"/>; the taste worker uses <see cref="ReadUserStatesAsync"/> and
/// <see cref="WriteBatchAsync"/> (or its two halves, <see cref="WriteAggregatesAsync"/> and <see cref="WriteUsersAsync"/>).
/// Every method is one round trip (pipelined per Redis node), <see cref="WriteBatchAsync"/> on a cluster two.
/// </summary>
public sealed class TasteStore
{
    private readonly IConnectionMultiplexer _redis;

    public TasteStore(IConnectionMultiplexer redis, IOptions<TasteStoreOptions> options)
        : this(redis, options.Value)
    {
    }

    public TasteStore(IConnectionMultiplexer redis, TasteStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentNullException.ThrowIfNull(options);
        _redis = redis;
        Options = options;
        Keys = new TasteKeys(options.KeyPrefix, options.TrendingShards);
    }

    public TasteStoreOptions Options { get; }

    public TasteKeys Keys { get; }

    private IDatabase Db => _redis.GetDatabase();

    // ---------- readers ----------

    /// <summary>Vectors, session, recent history and session skips of a user, atomically (one key), in one round trip.</summary>
    public async Task<UserContext> ReadUserContextAsync(string userId, int? recentCount = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var count = Math.Clamp(recentCount ?? Options.RecentCapacity, 1, Options.RecentCapacity);
        var blob = (byte[]?)await Db.StringGetAsync(Keys.User(userId)).ConfigureAwait(false);
        if (blob is not null)
        {
            try
            {
                return UserBlob.ReadContext(userId, blob, count);
            }
            catch (FormatException)
            {
                // A blob this build cannot read counts as no user: the worker's next write replaces it.
            }
        }
        return new UserContext(userId, null, null, null, null, null, null, [], []);
    }

    /// <summary>
    /// The most played tracks overall, time-decayed (half-life <see cref="TasteStoreOptions.TrendingHalfLife"/>),
    /// merged from every trending shard. Score = decayed counted plays as of <paramref name="asOf"/>
    /// (default: now; the ranking does not depend on it).
    /// </summary>
    public async Task<IReadOnlyList<ScoredTrack>> ReadTrendingAsync(int count, DateTimeOffset? asOf = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var db = Db;
        var reads = new Task<SortedSetEntry[]>[Keys.TrendingShards];
        for (var shard = 0; shard < reads.Length; shard++)
        {
            reads[shard] = db.SortedSetRangeByRankWithScoresAsync(Keys.Trending(shard), 0, count - 1, Order.Descending);
        }
        await Task.WhenAll(reads).ConfigureAwait(false);
        var scale = ScaleAt(asOf, Options.TrendingHalfLife);
        return reads.SelectMany(r => r.Result)
            .OrderByDescending(e => e.Score)
            .ThenBy(e => (string?)e.Element, StringComparer.Ordinal)
            .Take(count)
            .Select(e => new ScoredTrack((string)e.Element!, e.Score * scale))
            .ToArray();
    }

    /// <summary>
    /// For each track, its most frequent successors within sessions (time-decayed, half-life
    /// <see cref="TasteStoreOptions.TransitionHalfLife"/>), best first. Tracks without any are absent.
    /// </summary>
    public Task<IReadOnlyDictionary<string, IReadOnlyList<ScoredTrack>>> ReadTransitionsAsync(
        IEnumerable<string> trackIds, int perTrack, DateTimeOffset? asOf = null) =>
        ReadTrackListsAsync(Keys.Transitions, trackIds, perTrack, ScaleAt(asOf, Options.TransitionHalfLife));

    /// <summary>
    /// For each track, the tracks most often played near it in sessions, either side (time-decayed, half-life
    /// <see cref="TasteStoreOptions.CoListeningHalfLife"/>), best first. Tracks without any are absent.
    /// </summary>
    public Task<IReadOnlyDictionary<string, IReadOnlyList<ScoredTrack>>> ReadCoListeningAsync(
        IEnumerable<string> trackIds, int perTrack, DateTimeOffset? asOf = null) =>
        ReadTrackListsAsync(Keys.CoListening, trackIds, perTrack, ScaleAt(asOf, Options.CoListeningHalfLife));

    /// <summary>Successors and co-listening of the same tracks, pipelined in one round trip, as decayed counts at <paramref name="asOf"/>.</summary>
    public async Task<TrackLists> ReadTrackListsAsync(IReadOnlyList<string> sources, int perTrack, DateTimeOffset? asOf = null)
    {
        var successors = ReadTransitionsAsync(sources, perTrack, asOf);
        var coListening = ReadCoListeningAsync(sources, perTrack, asOf);
        return new TrackLists(await successors.ConfigureAwait(false), await coListening.ConfigureAwait(false));
    }

    /// <summary>
    /// <see cref="ReadTrackListsAsync(IReadOnlyList{string}, int, DateTimeOffset?)"/> by track key, in source order:
    /// the serving path (hundreds of entries per request resolve to catalog rows straight from the reply's bytes).
    /// </summary>
    public async Task<TrackKeyLists> ReadTrackKeyListsAsync(IReadOnlyList<string> sources, int perTrack, DateTimeOffset? asOf = null)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentOutOfRangeException.ThrowIfLessThan(perTrack, 1);
        var db = Db;
        var successorReads = new Task<SortedSetEntry[]>[sources.Count];
        var coReads = new Task<SortedSetEntry[]>[sources.Count];
        for (var i = 0; i < sources.Count; i++)
        {
            successorReads[i] = db.SortedSetRangeByRankWithScoresAsync(Keys.Transitions(sources[i]), 0, perTrack - 1, Order.Descending);
            coReads[i] = db.SortedSetRangeByRankWithScoresAsync(Keys.CoListening(sources[i]), 0, perTrack - 1, Order.Descending);
        }
        var successorScale = ScaleAt(asOf, Options.TransitionHalfLife);
        var coScale = ScaleAt(asOf, Options.CoListeningHalfLife);
        var successors = new ScoredTrackKey[sources.Count][];
        var coListening = new ScoredTrackKey[sources.Count][];
        for (var i = 0; i < sources.Count; i++)
        {
            successors[i] = ToKeys(await successorReads[i].ConfigureAwait(false), successorScale);
            coListening[i] = ToKeys(await coReads[i].ConfigureAwait(false), coScale);
        }
        return new TrackKeyLists(successors, coListening);
    }

    private static ScoredTrackKey[] ToKeys(SortedSetEntry[] entries, double scale)
    {
        if (entries.Length == 0)
        {
            return [];
        }
        var keys = new ScoredTrackKey[entries.Length];
        for (var i = 0; i < entries.Length; i++)
        {
            keys[i] = new ScoredTrackKey(TrackKey.OfUtf8(((ReadOnlyMemory<byte>)entries[i].Element).Span), entries[i].Score * scale);
        }
        return keys;
    }

    private async Task<IReadOnlyDictionary<string, IReadOnlyList<ScoredTrack>>> ReadTrackListsAsync(
        Func<string, RedisKey> key, IEnumerable<string> trackIds, int perTrack, double scale)
    {
        ArgumentNullException.ThrowIfNull(trackIds);
        ArgumentOutOfRangeException.ThrowIfLessThan(perTrack, 1);
        var db = Db;
        var ids = trackIds.Distinct(StringComparer.Ordinal).ToArray();
        var reads = ids.Select(id => db.SortedSetRangeByRankWithScoresAsync(key(id), 0, perTrack - 1, Order.Descending)).ToArray();
        await Task.WhenAll(reads).ConfigureAwait(false);
        var result = new Dictionary<string, IReadOnlyList<ScoredTrack>>(StringComparer.Ordinal);
        for (var i = 0; i < ids.Length; i++)
        {
            if (reads[i].Result.Length > 0)
            {
                result[ids[i]] = reads[i].Result.Select(e => new ScoredTrack((string)e.Element!, e.Score * scale)).ToArray();
            }
        }
        return result;
    }

    /// <summary>A user's most played tracks of a calendar year (UTC, counted plays: public, not skipped).</summary>
    public async Task<IReadOnlyList<ScoredTrack>> ReadTopTracksAsync(string userId, int year, int count)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var entries = await Db.HashGetAllAsync(Keys.Plays(userId)).ConfigureAwait(false);
        var prefix = TasteKeys.PlaysField(year, "");
        return entries
            .Select(e => ((string)e.Name!, (long)e.Value))
            .Where(e => e.Item1.StartsWith(prefix, StringComparison.Ordinal))
            .Select(e => new ScoredTrack(e.Item1[prefix.Length..], e.Item2))
            .OrderByDescending(e => e.Score)
            .ThenBy(e => e.TrackId, StringComparer.Ordinal)
            .Take(count)
            .ToArray();
    }

    /// <summary>Every counted play of a user by calendar year (UTC) and track: "never played" filters and the latest year with plays.</summary>
    public async Task<IReadOnlyList<YearTrackPlays>> ReadPlayCountsAsync(string userId)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var entries = await Db.HashGetAllAsync(Keys.Plays(userId)).ConfigureAwait(false);
        var result = new List<YearTrackPlays>(entries.Length);
        foreach (var e in entries)
        {
            var field = (string)e.Name!;
            if (field.Length > 5 && field[4] == ':' && int.TryParse(field.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year))
            {
                result.Add(new YearTrackPlays(year, field[5..], (long)e.Value));
            }
        }
        return result;
    }

    /// <summary>
    /// How far each user has been applied: counted plays and the last applied event id, pipelined in one round trip
    /// per node. Audits count with it (the fault harness: every acknowledged event applied once).
    /// </summary>
    public async Task<UserProgress[]> ReadProgressAsync(IReadOnlyList<string> userIds)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        var states = await ReadStoredAsync(userIds).ConfigureAwait(false);
        return states.Select(s => new UserProgress(s.Taste.PlayCount, s.LastEventId)).ToArray();
    }

    /// <summary>Deletes every key of the user, the legacy schema's too (one command: the keys share a slot). True when anything existed.</summary>
    public async Task<bool> DeleteUserAsync(string userId)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        return await Db.KeyDeleteAsync(Keys.EveryKeyOfUser(userId)).ConfigureAwait(false) > 0;
    }

    /// <summary>The keys of the user that exist now, the legacy schema's too (tests and erasure audits).</summary>
    public async Task<IReadOnlyList<string>> ExistingKeysOfUserAsync(string userId)
    {
        var db = Db;
        var keys = Keys.EveryKeyOfUser(userId);
        var exists = keys.Select(k => db.KeyExistsAsync(k)).ToArray();
        await Task.WhenAll(exists).ConfigureAwait(false);
        return keys.Where((_, i) => exists[i].Result).Select(k => k.ToString()).ToArray();
    }

    // ---------- worker ----------

    /// <summary>The states of a batch's users and which of their event ids are already applied, in one round trip.</summary>
    public async Task<StoredUserState[]> ReadUserStatesAsync(IReadOnlyList<UserStateRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var stored = await ReadStoredAsync(requests.Select(r => r.UserId).ToArray()).ConfigureAwait(false);
        var states = new StoredUserState[requests.Count];
        for (var i = 0; i < requests.Count; i++)
        {
            var s = stored[i];
            var r = requests[i];
            states[i] = s with
            {
                AlreadyApplied = r.EventIds.Select(s.Seen.Contains).ToArray(),
            };
        }
        return states;
    }

    /// <summary>The stored users, pipelined GETs: <see cref="StoredUserState.New"/> for none, sequence -1 for an unreadable blob.</summary>
    private async Task<StoredUserState[]> ReadStoredAsync(IReadOnlyList<string> userIds)
    {
        var db = Db;
        var reads = userIds.Select(u => db.StringGetAsync(Keys.User(u))).ToArray();
        var blobs = await Task.WhenAll(reads).ConfigureAwait(false);
        var states = new StoredUserState[userIds.Count];
        for (var i = 0; i < states.Length; i++)
        {
            var blob = (byte[]?)blobs[i];
            try
            {
                states[i] = blob is null ? StoredUserState.New(userIds[i]) : UserBlob.Read(userIds[i], blob);
            }
            catch (FormatException)
            {
                // A blob of a format this build cannot read: the user starts again, and the write replaces it.
                states[i] = StoredUserState.New(userIds[i]) with { Sequence = -1 };
            }
        }
        return states;
    }

    /// <summary>
    /// What the store holds for the user once <paramref name="write"/> has been applied: the one rule, whose bytes
    /// <see cref="WriteUsersAsync"/> stores, so the worker keeps it in process and folds the user's next batch from it
    /// without reading. <see cref="StoredUserState.AlreadyApplied"/> is empty.
    /// </summary>
    public StoredUserState StateAfter(UserWrite write)
    {
        ArgumentNullException.ThrowIfNull(write);
        return write.After ??= ComputeAfter(write);
    }

    private StoredUserState ComputeAfter(UserWrite write)
    {
        var before = write.Before;
        if (write.State is null)
        {
            // Nothing stored after it: an erasure with nothing after it, or (never sent by the worker) no change.
            return write.EraseFirst ? StoredUserState.New(before.UserId) : before with { AlreadyApplied = [] };
        }
        var kept = write.EraseFirst ? StoredUserState.New(before.UserId) : before;
        var recent = new List<string>(Math.Min(Options.RecentCapacity, write.RecentPushes.Count + kept.Recent.Count));
        for (var i = write.RecentPushes.Count - 1; i >= 0 && recent.Count < Options.RecentCapacity; i--)
        {
            recent.Add(write.RecentPushes[i]);
        }
        for (var i = 0; i < kept.Recent.Count && recent.Count < Options.RecentCapacity; i++)
        {
            recent.Add(kept.Recent[i]);
        }
        var skips = write.ResetSessionSkips ? [] : new List<string>(kept.SessionSkips);
        foreach (var skip in write.SessionSkips)
        {
            if (!skips.Contains(skip, StringComparer.Ordinal))
            {
                skips.Add(skip);
            }
        }
        var offsets = new Dictionary<string, long>(kept.Offsets, StringComparer.Ordinal);
        if (write.AppliedOffset is { } applied)
        {
            offsets[applied.Field] = applied.Offset;
        }
        var seen = kept.Seen.After(write.AppliedEvents, SeenMinScore(NewestEventMs(write)), Options.SeenCapacity);
        return new StoredUserState(before.UserId, Math.Max(write.ExpectedSequence, 0) + 1, write.State, [], seen)
        {
            Recent = recent,
            SessionSkips = skips,
            Offsets = offsets,
            LastEventId = write.AppliedEvents.Count > 0 ? write.AppliedEvents[^1].EventId : kept.LastEventId,
        };
    }

    /// <summary>
    /// Applies each user's write atomically (one script per user, all pipelined): a compare-and-set of the sequence,
    /// then one SET of the user blob and the play-count increments. Result per write: true when applied, false when
    /// the user's sequence moved since it was read (re-read and recompute).
    /// </summary>
    public async Task<bool[]> WriteUsersAsync(IReadOnlyList<UserWrite> writes)
    {
        ArgumentNullException.ThrowIfNull(writes);
        var db = Db;
        var tasks = new Task<RedisResult>[writes.Count];
        for (var i = 0; i < writes.Count; i++)
        {
            var w = writes[i];
            var keys = w.EraseFirst ? Keys.EveryKeyOfUser(w.UserId) : Keys.AllOfUser(w.UserId);
            tasks[i] = TasteScripts.WriteUser.EvaluateAsync(db, keys, WriteArguments(w));
        }
        await Task.WhenAll(tasks).ConfigureAwait(false);
        return tasks.Select(t => (long)t.Result == 1).ToArray();
    }

    public AggregateBatch CreateAggregateBatch() => new(Options, Keys);

    /// <summary>
    /// True when every key lives on one Redis server (not a cluster): commands then reach it over one connection in the
    /// order they were sent, so a batch's aggregates and user writes can go in one pipeline and still land in that order.
    /// </summary>
    public bool SendsInOrder => _redis.GetServers() is [{ ServerType: not ServerType.Cluster }];

    /// <summary>
    /// A batch's aggregates, then its user writes (result as <see cref="WriteUsersAsync"/>). The aggregates land first,
    /// so a crash or a failed batch re-adds them (at least once) and never loses them. On one server
    /// (<see cref="SendsInOrder"/>) both go in one pipeline: one round trip. On a cluster they are other nodes than the
    /// users', so the aggregates are awaited first: two.
    /// </summary>
    public async Task<bool[]> WriteBatchAsync(AggregateBatch aggregates, IReadOnlyList<UserWrite> writes)
    {
        ArgumentNullException.ThrowIfNull(aggregates);
        ArgumentNullException.ThrowIfNull(writes);
        if (!SendsInOrder)
        {
            await WriteAggregatesAsync(aggregates).ConfigureAwait(false);
            return await WriteUsersAsync(writes).ConfigureAwait(false);
        }
        var aggregated = WriteAggregatesAsync(aggregates);
        var users = WriteUsersAsync(writes);
        // Both awaited before either result is used: a fault of either fails the batch, which is then retried whole.
        await Task.WhenAll(aggregated, users).ConfigureAwait(false);
        return await users.ConfigureAwait(false);
    }

    /// <summary>
    /// Adds a batch's trending, transition and co-listening increments with plain pipelined commands: per key one
    /// ZINCRBY per member, then ZREMRANGEBYRANK to its top N and PEXPIRE. No script: each command is atomic, a reader
    /// may see a key's new members a moment before the trim, and the aggregates are at least once anyway (a retried
    /// batch adds its increments again). A script per key cost ~26 µs of Redis time in argument handling alone.
    /// </summary>
    public async Task WriteAggregatesAsync(AggregateBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var db = Db;
        var tasks = new List<Task>();
        var trendingTtl = Options.TrendingHalfLife * 30;
        for (var shard = 0; shard < batch.Trending.Length; shard++)
        {
            if (batch.Trending[shard] is { Count: > 0 } scores)
            {
                AddScores(db, tasks, Keys.Trending(shard), Options.TrendingCapacityPerShard, trendingTtl, scores);
            }
        }
        var transitionTtl = Options.TransitionHalfLife * 30;
        foreach (var (from, successors) in batch.Transitions)
        {
            AddScores(db, tasks, Keys.Transitions(from), Options.TransitionsPerTrack, transitionTtl, successors);
        }
        var coListeningTtl = Options.CoListeningHalfLife * 30;
        foreach (var (track, partners) in batch.CoListening)
        {
            AddScores(db, tasks, Keys.CoListening(track), Options.CoListeningPerTrack, coListeningTtl, partners);
        }
        await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    private static void AddScores(IDatabaseAsync db, List<Task> tasks, RedisKey key, int capacity, TimeSpan ttl, Dictionary<string, double> scores)
    {
        foreach (var (member, increment) in scores)
        {
            tasks.Add(db.SortedSetIncrementAsync(key, member, increment));
        }
        tasks.Add(db.SortedSetRemoveRangeByRankAsync(key, 0, -capacity - 1));
        tasks.Add(db.KeyExpireAsync(key, ttl));
    }

    /// <summary>Bytes of the arguments one user write sends (the bench's raw-write baseline writes as many).</summary>
    internal long PayloadBytes(UserWrite write) => WriteArguments(write).Sum(ByteCount);

    /// <summary>Bytes of the arguments each aggregate key's write sends, by key.</summary>
    internal IEnumerable<(RedisKey Key, long Bytes)> PayloadBytes(AggregateBatch batch)
    {
        for (var shard = 0; shard < batch.Trending.Length; shard++)
        {
            if (batch.Trending[shard] is { Count: > 0 } scores)
            {
                yield return (Keys.Trending(shard), ScoreArguments(Options.TrendingCapacityPerShard, "0", scores).Sum(ByteCount));
            }
        }
        foreach (var (from, successors) in batch.Transitions)
        {
            yield return (Keys.Transitions(from), ScoreArguments(Options.TransitionsPerTrack, "0", successors).Sum(ByteCount));
        }
        foreach (var (track, partners) in batch.CoListening)
        {
            yield return (Keys.CoListening(track), ScoreArguments(Options.CoListeningPerTrack, "0", partners).Sum(ByteCount));
        }
    }

    private static long ByteCount(RedisValue value) => value.IsNull ? 0 : ((byte[])value!).Length;

    /// <summary>The oldest event time the seen-id window keeps for a user whose newest event is at <paramref name="newestMs"/>.</summary>
    internal long SeenMinScore(long newestMs) => newestMs - (long)Options.SeenWindow.TotalMilliseconds;

    /// <summary>The newest event time a write knows of: the seen window is cut below it.</summary>
    private static long NewestEventMs(UserWrite w)
    {
        var newest = w.AppliedEvents.Count > 0 ? w.AppliedEvents.Max(e => e.EventTimeMs) : 0;
        return w.State?.LastEventMs is { } stateLast ? Math.Max(newest, stateLast) : newest;
    }

    private RedisValue[] WriteArguments(UserWrite w)
    {
        var args = new RedisValue[5 + 2 * w.PlayIncrements.Count];
        args[0] = w.ExpectedSequence < 0 ? "*" : UserBlob.SequenceBytes(w.ExpectedSequence);
        args[1] = w.State is null ? RedisValue.EmptyString : UserBlob.Write(StateAfter(w));
        args[2] = (long)Options.UserTtl.TotalMilliseconds;
        args[3] = (long)Options.PlaysTtl.TotalMilliseconds;
        args[4] = w.EraseFirst ? "1" : "0";
        var i = 5;
        foreach (var (field, increment) in w.PlayIncrements)
        {
            args[i++] = field;
            args[i++] = increment;
        }
        return args;
    }

    private static RedisValue[] ScoreArguments(int capacity, string ttlMs, Dictionary<string, double> scores)
    {
        var args = new RedisValue[2 + 2 * scores.Count];
        args[0] = capacity;
        args[1] = ttlMs;
        var i = 2;
        foreach (var (member, increment) in scores)
        {
            args[i++] = increment;
            args[i++] = member;
        }
        return args;
    }

    private double ScaleAt(DateTimeOffset? asOf, TimeSpan halfLife)
    {
        var at = (asOf ?? DateTimeOffset.UtcNow) - Options.DecayEpoch;
        return Math.Pow(2.0, -at.TotalMilliseconds / halfLife.TotalMilliseconds);
    }
}
