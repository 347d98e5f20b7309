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

    /// <summary>Vectors, session, recent history and session skips of a user, atomically, in one round trip.</summary>
    public async Task<UserContext> ReadUserContextAsync(string userId, int? recentCount = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var count = Math.Clamp(recentCount ?? Options.RecentCapacity, 1, Options.RecentCapacity);
        var result = await TasteScripts.ReadContext.EvaluateAsync(Db,
            [Keys.State(userId), Keys.Recent(userId), Keys.SessionSkips(userId), Keys.History(userId)],
            ContextArguments(count)).ConfigureAwait(false);
        var parts = (RedisResult[])result!;
        var s = (RedisResult[])parts[0]!;
        RedisResult F(string field) => StateFields.Of(s, StateFields.Context, field);
        var recent = ToStrings(parts[1]);
        var skips = ToStrings(parts[2]);
        return new UserContext(
            userId,
            LongTerm: Vector(F(StateFields.LongTerm)),
            Session: Vector(F(StateFields.Session)),
            SessionId: (string?)F(StateFields.SessionId),
            SessionLastEventAt: Time(F(StateFields.SessionLast)),
            LastEventAt: Time(F(StateFields.LastEvent)),
            NowPlaying: (string?)F(StateFields.NowPlaying),
            RecentTrackIds: recent,
            SessionSkippedTrackIds: skips)
        {
            LastAppliedEventId = (string?)F(StateFields.LastEventId),
            SessionPlays = (int)(Long(F(StateFields.SessionPlays)) ?? 0),
            HistoryBlob = HistoryBytes(parts[3]),
        };
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

    private static RedisValue[] ContextArguments(int recentCount)
    {
        var args = new RedisValue[1 + StateFields.Context.Length];
        args[0] = recentCount;
        for (var i = 0; i < StateFields.Context.Length; i++)
        {
            args[1 + i] = StateFields.Context[i];
        }
        return args;
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
        var db = Db;
        RedisValue[] fields = [StateFields.PlayCount, StateFields.LastEventId];
        var reads = userIds.Select(u => db.HashGetAsync(Keys.State(u), fields)).ToArray();
        var replies = await Task.WhenAll(reads).ConfigureAwait(false);
        return replies.Select(r => new UserProgress(r[0].IsNull ? 0 : (long)r[0], r[1].IsNull ? null : (string?)r[1])).ToArray();
    }

    /// <summary>Deletes every key of the user (one command: the keys share a slot). True when anything existed.</summary>
    public async Task<bool> DeleteUserAsync(string userId)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        return await Db.KeyDeleteAsync(Keys.AllOfUser(userId)).ConfigureAwait(false) > 0;
    }

    /// <summary>The keys of the user that exist now (tests and erasure audits).</summary>
    public async Task<IReadOnlyList<string>> ExistingKeysOfUserAsync(string userId)
    {
        var db = Db;
        var keys = Keys.AllOfUser(userId);
        var exists = keys.Select(k => db.KeyExistsAsync(k)).ToArray();
        await Task.WhenAll(exists).ConfigureAwait(false);
        return keys.Where((_, i) => exists[i].Result).Select(k => k.ToString()).ToArray();
    }

    // ---------- worker ----------

    /// <summary>The states of a batch's users and which of their event ids are already applied, in one round trip.</summary>
    public async Task<StoredUserState[]> ReadUserStatesAsync(IReadOnlyList<UserStateRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var db = Db;
        var reads = new Task<RedisResult>[requests.Count];
        for (var i = 0; i < requests.Count; i++)
        {
            var r = requests[i];
            var args = new RedisValue[StateFields.ForUpdate.Length + 1];
            for (var f = 0; f < StateFields.ForUpdate.Length; f++)
            {
                args[f] = StateFields.ForUpdate[f];
            }
            args[^1] = r.OffsetField ?? "";
            reads[i] = TasteScripts.ReadForUpdate.EvaluateAsync(db, [Keys.State(r.UserId), Keys.Seen(r.UserId), Keys.History(r.UserId)], args);
        }
        await Task.WhenAll(reads).ConfigureAwait(false);
        var states = new StoredUserState[requests.Count];
        for (var i = 0; i < requests.Count; i++)
        {
            var parts = (RedisResult[])reads[i].Result!;
            var s = (RedisResult[])parts[0]!;
            var seen = SeenEvents.FromReply((RedisResult[])parts[1]!);
            RedisResult F(string field) => StateFields.Of(s, StateFields.ForUpdate, field);
            var sessionTracks = F(StateFields.SessionTracks);
            var taste = new UserTaste
            {
                LongTerm = Vector(F(StateFields.LongTerm)),
                Session = Vector(F(StateFields.Session)),
                SessionId = (string?)F(StateFields.SessionId),
                SessionLastMs = Long(F(StateFields.SessionLast)),
                LastEventMs = Long(F(StateFields.LastEvent)),
                NowPlaying = (string?)F(StateFields.NowPlaying),
                PreviousPlay = (string?)F(StateFields.PreviousPlay),
                PlayCount = Long(F(StateFields.PlayCount)) ?? 0,
                SessionTracks = sessionTracks.IsNull ? [] : [.. ((string)sessionTracks!).Split(StateFields.ListSeparator, StringSplitOptions.RemoveEmptyEntries)],
                SessionPlays = (int)(Long(F(StateFields.SessionPlays)) ?? 0),
                History = History(parts[2]),
            };
            // The partition's offset field follows the named fields.
            var offset = requests[i].OffsetField is null ? null : Long(s[StateFields.ForUpdate.Length]);
            var applied = requests[i].EventIds.Select(seen.Contains).ToArray();
            states[i] = new StoredUserState(requests[i].UserId, Long(F(StateFields.Sequence)) ?? 0, taste, applied, offset, seen);
        }
        return states;
    }

    /// <summary>
    /// What the store holds for the user once <paramref name="write"/>, made from <paramref name="before"/>, has been
    /// applied (write-user.lua's effect on the fields the worker folds from): the worker keeps it in process and folds
    /// the user's next batch from it without reading. <see cref="StoredUserState.AlreadyApplied"/> is empty.
    /// </summary>
    public StoredUserState StateAfter(StoredUserState before, UserWrite write)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(write);
        var sequence = write.State is not null ? write.ExpectedSequence + 1 : write.EraseFirst ? 0 : before.Sequence;
        var offset = write.State is not null && write.AppliedOffset is { } applied ? applied.Offset : write.EraseFirst ? null : before.AppliedOffset;
        var seen = before.Seen.After(write.EraseFirst, write.AppliedEvents, SeenMinScore(NewestEventMs(write)), Options.SeenCapacity);
        return new StoredUserState(before.UserId, sequence, write.State ?? new UserTaste(), [], offset, seen);
    }

    /// <summary>
    /// Applies each user's write atomically (one script per user, all pipelined). Result per write:
    /// true when applied, false when the user's sequence moved since it was read (re-read and recompute).
    /// </summary>
    public async Task<bool[]> WriteUsersAsync(IReadOnlyList<UserWrite> writes)
    {
        ArgumentNullException.ThrowIfNull(writes);
        var db = Db;
        var tasks = new Task<RedisResult>[writes.Count];
        for (var i = 0; i < writes.Count; i++)
        {
            tasks[i] = TasteScripts.WriteUser.EvaluateAsync(db, Keys.AllOfUser(writes[i].UserId), WriteArguments(writes[i]));
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
        var hset = new List<RedisValue>(18);
        var hdel = new List<RedisValue>(2);
        if (w.State is { } state)
        {
            hset.Add(StateFields.Sequence);
            hset.Add(w.ExpectedSequence + 1);
            Field(hset, hdel, StateFields.LongTerm, state.LongTerm is { IsEmpty: false } lt ? VectorBlob.Write(lt) : RedisValue.Null);
            Field(hset, hdel, StateFields.Session, state.Session is { IsEmpty: false } ss ? VectorBlob.Write(ss) : RedisValue.Null);
            Field(hset, hdel, StateFields.SessionId, state.SessionId);
            Field(hset, hdel, StateFields.SessionLast, state.SessionLastMs is { } sts ? sts : RedisValue.Null);
            Field(hset, hdel, StateFields.LastEvent, state.LastEventMs is { } last ? last : RedisValue.Null);
            Field(hset, hdel, StateFields.NowPlaying, state.NowPlaying);
            Field(hset, hdel, StateFields.PreviousPlay, state.PreviousPlay);
            hset.Add(StateFields.PlayCount);
            hset.Add(state.PlayCount);
            Field(hset, hdel, StateFields.SessionTracks, state.SessionTracks.Count > 0 ? string.Join(StateFields.ListSeparator, state.SessionTracks) : RedisValue.Null);
            Field(hset, hdel, StateFields.SessionPlays, state.SessionPlays > 0 ? state.SessionPlays : RedisValue.Null);
            if (w.AppliedEvents.Count > 0)
            {
                hset.Add(StateFields.LastEventId);
                hset.Add(w.AppliedEvents[^1].EventId);
            }
            if (w.AppliedOffset is { } applied)
            {
                hset.Add(applied.Field);
                hset.Add(applied.Offset);
            }
        }

        var newest = NewestEventMs(w);
        var args = new List<RedisValue>(14 + hset.Count + hdel.Count + w.RecentPushes.Count + w.SessionSkips.Count
                                        + 2 * w.AppliedEvents.Count + 2 * w.PlayIncrements.Count)
        {
            w.ExpectedSequence.ToString(CultureInfo.InvariantCulture),
            (long)Options.UserTtl.TotalMilliseconds,
            (long)Options.PlaysTtl.TotalMilliseconds,
            Options.RecentCapacity,
            Options.SeenCapacity,
            SeenMinScore(newest),
            (w.EraseFirst ? 1 : 0) | (w.ResetSessionSkips ? 2 : 0),
            hset.Count / 2,
            hdel.Count,
            w.RecentPushes.Count,
            w.SessionSkips.Count,
            w.AppliedEvents.Count,
            w.PlayIncrements.Count,
            w.State is { History.Count: > 0 } withHistory ? HistoryBlob.Write(withHistory.History) : RedisValue.EmptyString,
        };
        args.AddRange(hset);
        args.AddRange(hdel);
        foreach (var id in w.RecentPushes)
        {
            args.Add(id);
        }
        foreach (var id in w.SessionSkips)
        {
            args.Add(id);
        }
        foreach (var (eventId, timeMs) in w.AppliedEvents)
        {
            args.Add(timeMs);
            args.Add(TasteKeys.SeenMember(eventId));
        }
        foreach (var (field, increment) in w.PlayIncrements)
        {
            args.Add(field);
            args.Add(increment);
        }
        return args.ToArray();
    }

    private static void Field(List<RedisValue> hset, List<RedisValue> hdel, string name, RedisValue value)
    {
        if (value.IsNull)
        {
            hdel.Add(name);
        }
        else
        {
            hset.Add(name);
            hset.Add(value);
        }
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

    private static DecayedVector? Vector(RedisResult r)
    {
        if (r.IsNull)
        {
            return null;
        }
        try
        {
            return VectorBlob.Read((byte[])r!);
        }
        catch (FormatException)
        {
            // A blob this build cannot read counts as no vector: the worker restarts it, readers ignore it.
            return null;
        }
    }

    private static long? Long(RedisResult r) => r.IsNull ? null : (long)r;

    /// <summary>A stored history, or an empty one when there is none or it is of a format this build cannot read (restarted).</summary>
    private static ListeningHistory History(RedisResult r)
    {
        if (r.IsNull)
        {
            return new ListeningHistory();
        }
        try
        {
            return HistoryBlob.Read((byte[])r!);
        }
        catch (FormatException)
        {
            return new ListeningHistory();
        }
    }

    private static byte[]? HistoryBytes(RedisResult r) => r.IsNull ? null : (byte[])r!;

    private static DateTimeOffset? Time(RedisResult r) => r.IsNull ? null : DateTimeOffset.FromUnixTimeMilliseconds((long)r);

    private static string[] ToStrings(RedisResult r) =>
        r.IsNull ? [] : ((RedisResult[])r!).Select(x => (string)x!).ToArray();
}
