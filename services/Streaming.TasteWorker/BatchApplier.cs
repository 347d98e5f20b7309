using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streaming.Catalog.Core;
using Streaming.Contracts.Wire;
using Streaming.TasteMath;
using Streaming.TasteStore;

namespace Streaming.TasteWorker;

/// <summary>
/// Applies one fetched batch: decode (poison to the dead-letter topic), group by user (and partition)
/// keeping partition order, take every user's state from the <see cref="UserStateCache"/> or else read it (one round
/// trip for all the misses), fold the new events with <see cref="TasteFolder"/>, write the aggregates, then each user
/// with one compare-and-set script, and keep what was written in the cache. Users whose write lost a race are dropped
/// from the cache, re-read and recomputed. Returns when everything is durable, so the caller may store the batch's
/// offsets. On one Redis server a batch is two round trips (read of the misses, then aggregates and users in one
/// pipeline), one with every user cached; on a cluster the aggregates take one more.
/// </summary>
public sealed partial class BatchApplier(
    TasteStore.TasteStore store,
    TasteFolder folder,
    UserStateCache cache,
    IDeadLetterSink deadLetters,
    TasteWorkerMetrics metrics,
    IOptions<TasteWorkerOptions> options,
    ILogger<BatchApplier> logger)
{
    /// <summary>Phase spans (read, aggregates, write) under the batch's process span; Redis commands are not traced one by one.</summary>
    public static readonly ActivitySource Source = new("Streaming.TasteWorker");

    private readonly TasteWorkerOptions _options = options.Value;

    public async Task<BatchResult> ApplyAsync(IReadOnlyList<ConsumeResult<string, byte[]>> batch, CatalogSnapshot snapshot)
    {
        try
        {
            return await ApplyOnceAsync(batch, snapshot).ConfigureAwait(false);
        }
        catch
        {
            // Folds happen in place on the cached states; those of a batch that did not complete are not in Redis.
            cache.Clear();
            throw;
        }
    }

    private async Task<BatchResult> ApplyOnceAsync(IReadOnlyList<ConsumeResult<string, byte[]>> batch, CatalogSnapshot snapshot)
    {
        var started = Stopwatch.GetTimestamp();
        var result = new BatchResult();
        var groups = new Dictionary<(string UserId, int Partition, string Topic), UserGroup>();
        var deadLetterWrites = new List<Task>();
        foreach (var cr in batch)
        {
            if (!RecordDecoder.TryDecode(cr.Message.Value, out var record, out var reason, out var label))
            {
                TasteWorkerLog.DeadLettered(logger, cr.Topic, cr.Partition.Value, cr.Offset.Value, reason);
                deadLetterWrites.Add(deadLetters.PublishAsync(cr, reason));
                metrics.DeadLettered.Add(1, new KeyValuePair<string, object?>("reason", label));
                result.DeadLettered++;
                continue;
            }
            var key = (record.UserId, cr.Partition.Value, cr.Topic);
            if (!groups.TryGetValue(key, out var group))
            {
                groups[key] = group = new UserGroup(record.UserId, cr.TopicPartition, TasteKeys.OffsetField(cr.Topic, cr.Partition.Value));
            }
            group.Items.Add((record, cr));
        }

        metrics.RecordPhase("decode", started);

        var pending = groups.Values.ToList();
        for (var attempt = 0; pending.Count > 0; attempt++)
        {
            if (attempt > _options.MaxConflictRetries)
            {
                throw new InvalidOperationException($"{pending.Count} user writes still conflicted after {attempt} attempts.");
            }
            var states = new StoredUserState[pending.Count];
            var misses = new List<int>();
            for (var i = 0; i < pending.Count; i++)
            {
                if (cache.TryGet(pending[i].Partition, pending[i].UserId, out var cached))
                {
                    states[i] = cached with { AlreadyApplied = pending[i].EventIds.Select(cached.Seen.Contains).ToArray() };
                }
                else
                {
                    misses.Add(i);
                }
            }
            metrics.StateReads.Add(pending.Count - misses.Count, new KeyValuePair<string, object?>("source", "cache"));
            var phase = Stopwatch.GetTimestamp();
            if (misses.Count > 0)
            {
                metrics.StateReads.Add(misses.Count, new KeyValuePair<string, object?>("source", "redis"));
                StoredUserState[] read;
                using (StartPhase("taste-store read", misses.Count, result))
                {
                    read = await store.ReadUserStatesAsync(misses.Select(i => pending[i].Request()).ToArray()).ConfigureAwait(false);
                }
                for (var m = 0; m < misses.Count; m++)
                {
                    states[misses[m]] = read[m];
                }
                metrics.RecordPhase("read", phase);
            }
            phase = Stopwatch.GetTimestamp();
            var aggregates = store.CreateAggregateBatch();
            var writes = new List<UserWrite>(pending.Count);
            var writers = new List<(UserGroup Group, StoredUserState Before)>(pending.Count);
            for (var i = 0; i < pending.Count; i++)
            {
                var write = Compute(pending[i], states[i], snapshot, aggregates, result);
                if (write is not null)
                {
                    writes.Add(write);
                    writers.Add((pending[i], states[i]));
                }
                else
                {
                    // Nothing to write (every record replayed): what was read is what Redis holds.
                    cache.Put(pending[i].Partition, states[i]);
                    pending[i].Commit(result);
                }
            }
            metrics.RecordPhase("compute", phase);
            bool[] applied;
            if (store.SendsInOrder)
            {
                // One server: aggregates and users in one pipeline, landing in that order (TasteStore.WriteBatchAsync).
                phase = Stopwatch.GetTimestamp();
                using (StartPhase("taste-store write", writes.Count + aggregates.Count, result))
                {
                    applied = await store.WriteBatchAsync(aggregates, writes).ConfigureAwait(false);
                }
            }
            else
            {
                // A cluster: aggregates first, awaited, so a crash before the user writes replays them, never loses them.
                if (aggregates.Count > 0)
                {
                    phase = Stopwatch.GetTimestamp();
                    using (StartPhase("taste-store aggregates", aggregates.Count, result))
                    {
                        await store.WriteAggregatesAsync(aggregates).ConfigureAwait(false);
                    }
                    metrics.RecordPhase("aggregates", phase);
                }
                phase = Stopwatch.GetTimestamp();
                using (StartPhase("taste-store write", writes.Count, result))
                {
                    applied = await store.WriteUsersAsync(writes).ConfigureAwait(false);
                }
            }
            metrics.RecordPhase("write", phase);
            pending.Clear();
            for (var i = 0; i < applied.Length; i++)
            {
                var (group, before) = writers[i];
                if (applied[i])
                {
                    cache.Put(group.Partition, store.StateAfter(writes[i]));
                    group.Commit(result);
                }
                else
                {
                    cache.Remove(group.Partition, group.UserId);
                    pending.Add(group);
                    metrics.Conflicts.Add(1);
                }
            }
        }

        if (deadLetterWrites.Count > 0)
        {
            var phase = Stopwatch.GetTimestamp();
            await Task.WhenAll(deadLetterWrites).ConfigureAwait(false);
            metrics.RecordPhase("dead_letter", phase);
        }

        var now = DateTimeOffset.UtcNow;
        foreach (var group in groups.Values)
        {
            foreach (var (timestamp, occurredAt) in group.AppliedTimes)
            {
                metrics.Freshness.Record(Math.Max(0, (now - timestamp).TotalSeconds));
                if (occurredAt is { } t)
                {
                    metrics.EventAge.Record(Math.Max(0, (now - t).TotalSeconds));
                }
            }
        }
        metrics.EventsApplied.Add(result.Applied);
        if (result.Duplicates > 0)
        {
            metrics.Duplicates.Add(result.Duplicates, new KeyValuePair<string, object?>("reason", "event_id"));
        }
        if (result.Replayed > 0)
        {
            metrics.Duplicates.Add(result.Replayed, new KeyValuePair<string, object?>("reason", "offset"));
        }
        if (result.UnknownTracks > 0)
        {
            metrics.UnknownTracks.Add(result.UnknownTracks);
        }
        if (result.SpaceResets > 0)
        {
            metrics.SpaceResets.Add(result.SpaceResets);
        }
        metrics.BatchSize.Record(batch.Count);
        metrics.BatchDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
        return result;
    }

    /// <summary>A Redis phase span under the batch span, kept in <paramref name="result"/> for the per-record traces.</summary>
    private static Activity? StartPhase(string name, int items, BatchResult result)
    {
        var activity = Source.StartActivity(name, ActivityKind.Client);
        if (activity is not null)
        {
            activity.SetTag("db.system.name", "redis");
            activity.SetTag("streaming.items", items);
            result.Phases.Add(activity);
        }
        return activity;
    }

    public void RecordFailure() => metrics.BatchFailures.Add(1);

    /// <summary>The user's write for the records not applied yet, or null when there is nothing to write.</summary>
    private UserWrite? Compute(UserGroup group, StoredUserState state, CatalogSnapshot snapshot, AggregateBatch aggregates, BatchResult result)
    {
        group.Reset();
        var taste = state.Taste;
        var write = new UserWrite(state);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < group.EventIds.Count; i++)
        {
            if (state.AlreadyApplied[i])
            {
                seen.Add(group.EventIds[i]);
            }
        }
        var maxOffset = -1L;
        var any = false;
        foreach (var (record, cr) in group.Items)
        {
            if (state.AppliedOffsetOf(group.OffsetField) is { } watermark && cr.Offset.Value <= watermark)
            {
                group.Pending.Replayed++;
                continue;
            }
            maxOffset = Math.Max(maxOffset, cr.Offset.Value);
            any = true;
            if (record is ListeningRecord.Erasure)
            {
                taste = new UserTaste();
                write.Erase();
                group.Pending.Erasures++;
                group.Pending.Times.Add((cr.Message.Timestamp.UtcDateTime, null));
                continue;
            }
            var e = ((ListeningRecord.Event)record).Value;
            if (!seen.Add(e.EventId))
            {
                group.Pending.Duplicates++;
                continue;
            }
            var row = snapshot.IndexOf(e.TrackId);
            if (row >= 0 && !string.Equals(snapshot.Tracks[row].Id, e.TrackId, StringComparison.Ordinal))
            {
                // An alias: history, successors and co-listening key the catalog's canonical id, as every reader looks it up.
                e = e with { TrackId = snapshot.Tracks[row].Id };
            }
            var vector = row >= 0 && snapshot.HasVector(row) ? snapshot.VectorOf(row) : ReadOnlySpan<float>.Empty;
            var effects = folder.Apply(taste, e, vector, snapshot.SpaceId);
            write.Record(e, effects, aggregates);
            if (effects.Vector == VectorOutcome.UnknownTrack)
            {
                group.Pending.UnknownTracks++;
            }
            group.Pending.SpaceResets += (effects.LongTermSpaceReset ? 1 : 0) + (effects.SessionSpaceReset ? 1 : 0);
            group.Pending.Applied++;
            group.Pending.Times.Add((cr.Message.Timestamp.UtcDateTime, e.OccurredAt));
        }
        if (!any)
        {
            return null;
        }
        // After an erasure with nothing behind it no state is written: every key stays deleted.
        var erasedOnly = write.EraseFirst && write.AppliedEvents.Count == 0;
        write.State = erasedOnly ? null : taste;
        write.AppliedOffset = erasedOnly ? null : (group.OffsetField, maxOffset);
        return write;
    }

    /// <summary>The records of one user from one partition in this batch, in offset order.</summary>
    private sealed class UserGroup(string userId, TopicPartition partition, string offsetField)
    {
        public string UserId { get; } = userId;
        public TopicPartition Partition { get; } = partition;
        public string OffsetField { get; } = offsetField;
        public List<(ListeningRecord Record, ConsumeResult<string, byte[]> Source)> Items { get; } = [];
        public Counts Pending { get; private set; } = new();
        public List<(DateTimeOffset Timestamp, DateTimeOffset? OccurredAt)> AppliedTimes { get; } = [];

        public List<string> EventIds => _eventIds ??= Items
            .Select(i => (i.Record as ListeningRecord.Event)?.Value.EventId)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();

        private List<string>? _eventIds;

        public UserStateRequest Request() => new(UserId, EventIds);

        public void Reset() => Pending = new Counts();

        public void Commit(BatchResult result)
        {
            result.Applied += Pending.Applied + Pending.Erasures;
            result.Erasures += Pending.Erasures;
            result.Duplicates += Pending.Duplicates;
            result.Replayed += Pending.Replayed;
            result.UnknownTracks += Pending.UnknownTracks;
            result.SpaceResets += Pending.SpaceResets;
            AppliedTimes.AddRange(Pending.Times);
        }
    }

    private sealed class Counts
    {
        public long Applied;
        public long Erasures;
        public long Duplicates;
        public long Replayed;
        public long UnknownTracks;
        public long SpaceResets;
        public List<(DateTimeOffset, DateTimeOffset?)> Times { get; } = [];
    }
}

/// <summary>What a batch did (counts over records).</summary>
public sealed class BatchResult
{
    public long Applied { get; set; }
    public long Erasures { get; set; }
    /// <summary>Events whose id was applied before (client retries).</summary>
    public long Duplicates { get; set; }

    /// <summary>Records at or below the user's offset watermark (Kafka re-delivery after a crash or rebalance).</summary>
    public long Replayed { get; set; }
    public long UnknownTracks { get; set; }
    public long SpaceResets { get; set; }
    public long DeadLettered { get; set; }

    /// <summary>The batch's Redis phase spans (when traced), copied under each record's own trace.</summary>
    public List<Activity> Phases { get; } = [];
}
