using System.Text;
using Confluent.Kafka;
using Streaming.Contracts.Events;
using Streaming.Contracts.Wire;
using Streaming.FaultHarness;
using Streaming.TasteMath;
using Streaming.TasteStore;
using Streaming.TestInfrastructure.DevBroker;
using Streaming.TestInfrastructure.Processes;
using Streaming.TestInfrastructure.Redis;
using Streaming.TestInfrastructure;
using Xunit.Abstractions;

namespace Streaming.TasteWorker.Tests;

[Collection(WorkerCollection.Name)]
public sealed class TasteWorkerIntegrationTests(RedisServerFixture redis, RedisClusterFixture cluster, DevBrokerFixture broker, ITestOutputHelper output) : IDisposable
{
    private const int Partitions = 8;
    private static readonly TimeSpan CatchUp = TimeSpan.FromSeconds(60);
    private readonly TestCatalog _catalog = new();

    public void Dispose() => _catalog.Dispose();

    [Fact]
    public Task Replay_GeneratedStream_MatchesOfflineRecomputation() => ReplayMatchesOfflineAsync(redis);

    /// <summary>Every key of a user in one slot, aggregates spread over the shards: the same fold on three shards.</summary>
    [Fact]
    public Task Replay_GeneratedStreamOnRedisCluster_MatchesOfflineRecomputation() => ReplayMatchesOfflineAsync(cluster);

    private async Task ReplayMatchesOfflineAsync(IRedisFixture target, [System.Runtime.CompilerServices.CallerMemberName] string test = "")
    {
        var (settings, store) = await SetUpAsync(target, test);
        var stream = GeneratedStream.Create(_catalog, users: 40, sessionsPerUser: 4, seed: 3, idPrefix: "replay");
        await KafkaHelper.ProduceAsync(broker, settings.Topic, stream.Records);

        // Small batches: most users come back in later batches, folded from the state the worker kept in process.
        await using var worker = WorkerProcess.Start(settings, ("Kafka__StatisticsIntervalMs", "500"), ("TasteWorker__MaxBatchSize", "100"));
        await KafkaHelper.WaitForCatchUpAsync(broker, settings.Topic, Partitions, settings.GroupId, CatchUp, worker.DescribeOutput);

        Assert.True(await worker.ReadCounterAsync("streaming_worker_state_reads_total", "source=\"cache\"") > 0, "no batch folded from the kept state");
        var model = OfflineModel.Compute(stream.Records, _catalog, store.Options);
        // Aggregates are at least once: a batch retried after a Redis timeout counts its events again, so the
        // scores are exact only when no batch failed.
        var retried = await worker.ReadCounterAsync("streaming_worker_batch_failures_total") > 0;
        await AssertMatchesAsync(store, model, exactAggregates: !retried);
        Assert.True(await worker.ReadCounterAsync("streaming_worker_unknown_tracks_total") > 0);
        Assert.True(await worker.ReadCounterAsync("streaming_worker_duplicates_skipped_total") > 0, "client retries are in the stream");
        await worker.WaitForStatusAsync("health/ready", 200, TimeSpan.FromSeconds(20));
        var metrics = await worker.ReadMetricsAsync();
        Assert.Contains("streaming_worker_freshness_seconds_bucket", metrics);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!metrics.Contains("streaming_worker_consumer_lag{", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, "no consumer lag gauge from librdkafka statistics");
            await Task.Delay(250);
            metrics = await worker.ReadMetricsAsync();
        }
    }

    [Fact]
    public async Task SecondReplicaJoinsMidStream_Rebalance_SameFinalState()
    {
        var (settings, store) = await SetUpAsync();
        var stream = GeneratedStream.Create(_catalog, users: 60, sessionsPerUser: 5, seed: 13, idPrefix: "rebalance");
        var (first, second) = stream.Split(0.5);
        await KafkaHelper.ProduceAsync(broker, settings.Topic, first.Records);
        var small = ("TasteWorker__MaxBatchSize", "20");

        await using var a = WorkerProcess.Start(settings, small);
        var deadline = DateTime.UtcNow + CatchUp;
        while (!await AnyUserWrittenAsync(store, first))
        {
            Assert.True(DateTime.UtcNow < deadline, "the first replica never wrote: " + a.DescribeOutput());
            await Task.Delay(10);
        }
        await using var b = WorkerProcess.Start(settings, small);
        await b.WaitForLogAsync(l => l.Contains("Partitions assigned: ", StringComparison.Ordinal) && l.Contains('['), CatchUp, "a non-empty assignment");
        await KafkaHelper.ProduceAsync(broker, settings.Topic, second.Records);
        await KafkaHelper.WaitForCatchUpAsync(broker, settings.Topic, Partitions, settings.GroupId, CatchUp,
            () => a.DescribeOutput() + Environment.NewLine + b.DescribeOutput());

        var model = OfflineModel.Compute(stream.Records, _catalog, store.Options);
        await AssertMatchesAsync(store, model, exactAggregates: false);
        Assert.True(await b.ReadCounterAsync("streaming_worker_events_applied_total") > 0, "the second replica took partitions over");
    }

    [Fact]
    public async Task KillMidStream_Restart_SameFinalState()
    {
        var (settings, store) = await SetUpAsync();
        var stream = GeneratedStream.Create(_catalog, users: 60, sessionsPerUser: 5, seed: 5, idPrefix: "kill");
        var (first, second) = stream.Split(0.6);
        await KafkaHelper.ProduceAsync(broker, settings.Topic, first.Records);

        // Small batches and a slow commit: the kill lands mid-stream with applied but uncommitted records.
        var slow = new[] { ("TasteWorker__MaxBatchSize", "20"), ("Kafka__Consumer__AutoCommitIntervalMs", "60000") };
        await using (var doomed = WorkerProcess.Start(settings, slow))
        {
            var probeUser = first.Records[^1].UserId;
            var deadline = DateTime.UtcNow + CatchUp;
            while ((await store.ReadUserContextAsync(probeUser)).IsEmpty && (await AnyUserWrittenAsync(store, first)) is false)
            {
                Assert.True(DateTime.UtcNow < deadline, "the worker never wrote: " + doomed.DescribeOutput());
                await Task.Delay(10);
            }
            await doomed.KillAsync();
        }
        await KafkaHelper.ProduceAsync(broker, settings.Topic, second.Records);

        await using var restarted = WorkerProcess.Start(settings);
        await KafkaHelper.WaitForCatchUpAsync(broker, settings.Topic, Partitions, settings.GroupId, CatchUp, restarted.DescribeOutput);

        var model = OfflineModel.Compute(stream.Records, _catalog, store.Options);
        await AssertMatchesAsync(store, model, exactAggregates: false);
        Assert.True(await restarted.ReadCounterAsync("streaming_worker_duplicates_skipped_total", "reason=\"offset\"") > 0,
            "records applied (and not committed) before the kill were re-delivered and skipped by the watermark");
    }

    [Fact]
    public async Task KillOneOfTwo_EveryPartitionConsumedAgainWithin10s_NoneLostNoneTwice()
    {
        var (settings, store) = await SetUpAsync();
        var stream = GeneratedStream.Create(_catalog, users: 60, sessionsPerUser: 5, seed: 27, idPrefix: "failover");
        var (first, second) = stream.Split(0.5);

        await using var survivor = WorkerProcess.Start(settings);
        await survivor.WaitForLogAsync(l => l.Contains("Partitions assigned: ", StringComparison.Ordinal) && l.Contains('['), CatchUp, "the survivor's assignment");
        var doomed = WorkerProcess.Start(settings);
        await using (doomed)
        {
            // Both own partitions before any record exists, so the doomed worker has records of its own to apply.
            await doomed.WaitForLogAsync(l => l.Contains("Partitions assigned: ", StringComparison.Ordinal) && l.Contains('['), CatchUp, "the doomed worker's assignment");
            await KafkaHelper.ProduceAsync(broker, settings.Topic, first.Records);
            var deadline = DateTime.UtcNow + CatchUp;
            while (await doomed.ReadCounterAsync("streaming_worker_events_applied_total") == 0)
            {
                Assert.True(DateTime.UtcNow < deadline, "the doomed worker never applied anything: " + doomed.DescribeOutput());
                await Task.Delay(10);
            }
            await doomed.KillAsync();
        }
        var killed = System.Diagnostics.Stopwatch.StartNew();

        // After the kill: the rest of the stream, then one probe at the end of every partition.
        await KafkaHelper.ProduceAsync(broker, settings.Topic, second.Records);
        var probes = Enumerable.Range(0, Partitions).Select(p => new ListeningEvent
        {
            EventId = $"failover-probe-{p}", UserId = $"failover-probe-user-{p}", TrackId = _catalog.Snapshot.Tracks[p].Id, SessionId = "probe",
            Kind = ListeningEventKind.PlayEnded, OccurredAt = new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero), MsPlayed = 200_000,
        }).ToArray();
        for (var p = 0; p < Partitions; p++)
        {
            await KafkaHelper.ProduceToPartitionAsync(broker, settings.Topic, p, probes[p]);
        }
        var waiting = probes.ToList();
        while (waiting.Count > 0)
        {
            Assert.True(killed.Elapsed < TimeSpan.FromSeconds(10),
                $"{waiting.Count} partitions not consumed again {killed.Elapsed.TotalSeconds:F1} s after the kill: {string.Join(", ", waiting.Select(w => w.UserId))}{Environment.NewLine}{survivor.DescribeOutput()}");
            for (var i = waiting.Count - 1; i >= 0; i--)
            {
                if ((await store.ReadUserContextAsync(waiting[i].UserId)).LastAppliedEventId == waiting[i].EventId)
                {
                    waiting.RemoveAt(i);
                }
            }
            await Task.Delay(20);
        }
        var failover = killed.Elapsed;
        output.WriteLine($"every partition consumed again {failover.TotalSeconds:F1} s after the kill");

        await KafkaHelper.WaitForCatchUpAsync(broker, settings.Topic, Partitions, settings.GroupId, CatchUp, survivor.DescribeOutput);
        // Exactly once: every counted play and every vector contribution equals the offline fold's, so nothing was
        // lost and nothing applied twice across the kill.
        var model = OfflineModel.Compute([.. stream.Records, .. probes.Select(p => new ListeningRecord.Event(p))], _catalog, store.Options);
        await AssertMatchesAsync(store, model, exactAggregates: false);
        Assert.True(failover < TimeSpan.FromSeconds(10), $"failover took {failover.TotalSeconds:F1} s");
    }

    [Fact]
    public async Task Sigterm_FinishesStoresAndCommitsOffsets()
    {
        var (settings, store) = await SetUpAsync();
        var stream = GeneratedStream.Create(_catalog, users: 10, sessionsPerUser: 2, seed: 21, idPrefix: "term");
        await KafkaHelper.ProduceAsync(broker, settings.Topic, stream.Records);

        // No periodic commit: only the shutdown path can commit.
        await using var worker = WorkerProcess.Start(settings, ("Kafka__Consumer__AutoCommitIntervalMs", "60000"));
        var deadline = DateTime.UtcNow + CatchUp;
        while (await ProcessedAsync(worker) < stream.Records.Count)
        {
            Assert.True(DateTime.UtcNow < deadline, "the worker did not apply the stream: " + worker.DescribeOutput());
            await Task.Delay(100);
        }
        var stop = await worker.StopAsync(TimeSpan.FromSeconds(30));

        Assert.True(stop.Exited && stop.ExitCode == 0 && stop.ErrorLines.Count == 0, stop.Describe());
        await KafkaHelper.WaitForCatchUpAsync(broker, settings.Topic, Partitions, settings.GroupId, TimeSpan.FromSeconds(10), worker.DescribeOutput);
        Assert.Contains("consumer closed: True", worker.DescribeOutput());
    }

    /// <summary>
    /// Another writer (a member that lost the partition and does not know yet) writes a user this worker keeps in
    /// process: the next write's compare-and-set fails, the worker reads the user again and folds on top of what is
    /// there, so the other write is neither overwritten nor lost, and no event of ours is applied twice.
    /// </summary>
    [Fact]
    public async Task ForeignWriteToKeptUser_CompareAndSetFails_ReadAgainAndFoldedOnTop()
    {
        var (settings, store) = await SetUpAsync();
        const string user = "kept-user";
        var start = new DateTimeOffset(2025, 4, 1, 10, 0, 0, TimeSpan.Zero);
        ListeningEvent Play(int i) => new()
        {
            EventId = "kept-" + i, UserId = user, TrackId = _catalog.Snapshot.Tracks[i].Id, SessionId = "s1",
            Kind = ListeningEventKind.PlayEnded, OccurredAt = start.AddMinutes(4 * i), MsPlayed = 180_000,
        };
        await using var worker = WorkerProcess.Start(settings);
        await KafkaHelper.ProduceAsync(broker, settings.Topic, [new ListeningRecord.Event(Play(0))]);
        var first = await WaitForPlayCountAsync(store, user, 1, worker);

        // The foreign write: 100 counted plays more, through the same compare-and-set the worker uses.
        var taste = first.Taste.Clone();
        taste.PlayCount += 100;
        var foreign = new UserWrite(first) { State = taste };
        Assert.Equal(new[] { true }, await store.WriteUsersAsync([foreign]));

        await KafkaHelper.ProduceAsync(broker, settings.Topic, [new ListeningRecord.Event(Play(1)), new ListeningRecord.Event(Play(0))]);
        var after = await WaitForPlayCountAsync(store, user, 102, worker);

        Assert.Equal(first.Sequence + 2, after.Sequence);
        Assert.True(await worker.ReadCounterAsync("streaming_worker_cas_conflicts_total") >= 1, "the stale kept state was written over the foreign write");
        Assert.Equal(1, await worker.ReadCounterAsync("streaming_worker_duplicates_skipped_total"));
        await Task.Delay(500);
        Assert.Equal(102, (await ReadStateAsync(store, user)).Taste.PlayCount);
    }

    private static async Task<StoredUserState> ReadStateAsync(TasteStore.TasteStore store, string user) =>
        (await store.ReadUserStatesAsync([new UserStateRequest(user, [])]))[0];

    private static async Task<StoredUserState> WaitForPlayCountAsync(TasteStore.TasteStore store, string user, long plays, WorkerProcess worker)
    {
        var deadline = DateTime.UtcNow + CatchUp;
        while (true)
        {
            var state = await ReadStateAsync(store, user);
            if (state.Taste.PlayCount >= plays)
            {
                return state;
            }
            Assert.True(DateTime.UtcNow < deadline, $"play count {state.Taste.PlayCount}, waiting for {plays}: " + worker.DescribeOutput());
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task PrivateEvents_NeverReachLongTermCountsOrAggregates()
    {
        var (settings, store) = await SetUpAsync();
        var stream = GeneratedStream.Create(_catalog, users: 5, sessionsPerUser: 2, seed: 9, idPrefix: "private");
        await KafkaHelper.ProduceAsync(broker, settings.Topic, stream.Records);

        await using var worker = WorkerProcess.Start(settings);
        await KafkaHelper.WaitForCatchUpAsync(broker, settings.Topic, Partitions, settings.GroupId, CatchUp, worker.DescribeOutput);

        var ctx = await store.ReadUserContextAsync(GeneratedStream.PrivateUser);
        Assert.Null(ctx.LongTerm);
        Assert.NotNull(ctx.Session);
        Assert.NotEmpty(ctx.RecentTrackIds);
        Assert.Empty(await store.ReadPlayCountsAsync(GeneratedStream.PrivateUser));
        var trending = await store.ReadTrendingAsync(10_000, store.Options.DecayEpoch);
        Assert.NotEmpty(trending);
        Assert.DoesNotContain(trending, t => GeneratedStream.PrivateOnlyTracks.Contains(t.TrackId));
        var transitions = await store.ReadTransitionsAsync(GeneratedStream.PrivateOnlyTracks, 100);
        Assert.Empty(transitions);
        // Nor the ranking's aggregates: no history (ranking features, training) and no co-listening either way.
        Assert.True(ctx.HistoryBlob is null or { Length: 0 }, $"history blob of {ctx.HistoryBlob?.Length} bytes");
        Assert.Empty(await store.ReadCoListeningAsync(GeneratedStream.PrivateOnlyTracks, 100));
        var playedAlongside = ctx.RecentTrackIds.Where(t => !GeneratedStream.PrivateOnlyTracks.Contains(t)).ToArray();
        Assert.NotEmpty(playedAlongside);
        var coListenedWithThem = await store.ReadCoListeningAsync(playedAlongside, 100);
        Assert.DoesNotContain(coListenedWithThem.Values.SelectMany(list => list), t => GeneratedStream.PrivateOnlyTracks.Contains(t.TrackId));
    }

    [Fact]
    public Task Erasure_RemovesEveryKeyOfTheUserOnly() => ErasureRemovesUserOnlyAsync(redis);

    [Fact]
    public Task Erasure_OnRedisCluster_RemovesEveryKeyOfTheUserOnly() => ErasureRemovesUserOnlyAsync(cluster);

    private async Task ErasureRemovesUserOnlyAsync(IRedisFixture target, [System.Runtime.CompilerServices.CallerMemberName] string test = "")
    {
        var (settings, store) = await SetUpAsync(target, test);
        var stream = GeneratedStream.Create(_catalog, users: 6, sessionsPerUser: 2, seed: 11, idPrefix: "erase");
        var victim = stream.Users[0];
        var erased = stream.WithErasure(victim, DateTimeOffset.UtcNow, "erasure-1");
        await KafkaHelper.ProduceAsync(broker, settings.Topic, erased.Records);

        await using var worker = WorkerProcess.Start(settings);
        await KafkaHelper.WaitForCatchUpAsync(broker, settings.Topic, Partitions, settings.GroupId, CatchUp, worker.DescribeOutput);

        Assert.Empty(await store.ExistingKeysOfUserAsync(victim));
        var survivor = stream.Users.First(u => u != victim && u != GeneratedStream.PrivateUser);
        Assert.NotEmpty(await store.ExistingKeysOfUserAsync(survivor));
        var keysNamingVictim = target.Connection.GetServers().Where(s => !s.IsReplica)
            .SelectMany(s => s.Keys(pattern: settings.KeyPrefix + "*" + victim + "*")).ToArray();
        Assert.Empty(keysNamingVictim);
    }

    [Fact]
    public async Task PoisonRecord_DeadLetteredWithReason_PartitionContinues_RedriveReapplies()
    {
        var (settings, store) = await SetUpAsync();
        var good = new ListeningEvent
        {
            EventId = "good-1", UserId = "poison-neighbour", TrackId = _catalog.Snapshot.Tracks[0].Id, SessionId = "s1",
            Kind = ListeningEventKind.PlayEnded, OccurredAt = new DateTimeOffset(2025, 4, 1, 10, 0, 0, TimeSpan.Zero), MsPlayed = 180_000,
        };
        await KafkaHelper.ProduceRawAsync(broker, settings.Topic, "poison-neighbour", Encoding.UTF8.GetBytes("{not json"));
        await KafkaHelper.ProduceAsync(broker, settings.Topic, [new ListeningRecord.Event(good)]);
        // A valid record dead-lettered earlier (say by a build that could not read it): the redrive brings it back.
        var parked = good with { EventId = "parked-1", UserId = "parked-user" };
        var headers = new Headers
        {
            { "dlq-reason", Encoding.UTF8.GetBytes("unsupported schema version 2 (this build reads 1)") },
            { "dlq-source-topic", Encoding.UTF8.GetBytes(settings.Topic) },
            { "traceparent", Encoding.UTF8.GetBytes("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01") },
        };
        await KafkaHelper.ProduceRawAsync(broker, settings.DeadLetterTopic, "parked-user", ListeningRecordSerializer.Serialize(parked), headers);

        await using var worker = WorkerProcess.Start(settings);
        await KafkaHelper.WaitForCatchUpAsync(broker, settings.Topic, Partitions, settings.GroupId, CatchUp, worker.DescribeOutput);

        Assert.NotNull((await store.ReadUserContextAsync("poison-neighbour")).LongTerm);
        var dead = KafkaHelper.ReadAll(broker, settings.DeadLetterTopic, 2, expected: 2, TimeSpan.FromSeconds(20));
        var poison = Assert.Single(dead, d => d.Message.Key == "poison-neighbour");
        Assert.True(poison.Message.Headers.TryGetLastBytes("dlq-reason", out var reason));
        Assert.StartsWith("invalid JSON", Encoding.UTF8.GetString(reason));
        Assert.True(poison.Message.Headers.TryGetLastBytes("dlq-source-offset", out _));
        Assert.Equal(1, await worker.ReadCounterAsync("streaming_worker_dead_lettered_total"));

        var redrive = ChildProcess.Start("redrive-dlq", DotNetHost.Path, [WorkerProcess.Dll, "redrive-dlq", "--idle-ms", "20000", "--group", TestNames.GroupId()],
            Path.GetDirectoryName(WorkerProcess.Dll), new Dictionary<string, string?>
            {
                ["ConnectionStrings__kafka"] = settings.Bootstrap,
                ["TasteWorker__Topic"] = settings.Topic,
                ["TasteWorker__DeadLetterTopic"] = settings.DeadLetterTopic,
            });
        await using (redrive)
        {
            var summary = await redrive.WaitForOutputLineAsync(l => l.StartsWith("redrive-dlq:", StringComparison.Ordinal), TimeSpan.FromSeconds(90), "the redrive summary");
            Assert.DoesNotContain("redrive-dlq: 0 record", summary);
        }
        var deadline = DateTime.UtcNow + CatchUp;
        while ((await store.ReadUserContextAsync("parked-user")).IsEmpty)
        {
            Assert.True(DateTime.UtcNow < deadline, "the redriven record was not applied: " + worker.DescribeOutput());
            await Task.Delay(100);
        }
        Assert.NotNull((await store.ReadUserContextAsync("parked-user")).LongTerm);
    }

    private Task<(WorkerSettings Settings, TasteStore.TasteStore Store)> SetUpAsync([System.Runtime.CompilerServices.CallerMemberName] string test = "") =>
        SetUpAsync(redis, test);

    private async Task<(WorkerSettings Settings, TasteStore.TasteStore Store)> SetUpAsync(IRedisFixture target, string test)
    {
        var topic = TestNames.Topic(test);
        var dlq = topic + ".dlq";
        await broker.CreateTopicAsync(topic, Partitions);
        await broker.CreateTopicAsync(dlq, 2);
        var settings = new WorkerSettings(broker.BootstrapServers, target.ConnectionString, _catalog.Directory,
            TestNames.KeyPrefix(test), topic, dlq, TestNames.GroupId(test));
        return (settings, new TasteStore.TasteStore(target.Connection, new TasteStoreOptions { KeyPrefix = settings.KeyPrefix }));
    }

    private static async Task<double> ProcessedAsync(WorkerProcess worker)
    {
        try
        {
            return await worker.ReadCounterAsync("streaming_worker_events_applied_total")
                   + await worker.ReadCounterAsync("streaming_worker_duplicates_skipped_total");
        }
        catch (HttpRequestException)
        {
            return 0; // not listening yet
        }
    }

    private static async Task<bool> AnyUserWrittenAsync(TasteStore.TasteStore store, GeneratedStream stream)
    {
        foreach (var user in stream.Users.Take(10))
        {
            if (!(await store.ReadUserContextAsync(user)).IsEmpty)
            {
                return true;
            }
        }
        return false;
    }

    private static async Task AssertMatchesAsync(TasteStore.TasteStore store, OfflineModel model, bool exactAggregates)
    {
        foreach (var (userId, expected) in model.Users)
        {
            var ctx = await store.ReadUserContextAsync(userId);
            if (expected.Erased)
            {
                Assert.True(ctx.IsEmpty, userId);
                continue;
            }
            AssertVector(expected.Taste.LongTerm, ctx.LongTerm, userId + " long-term");
            AssertVector(expected.Taste.Session, ctx.Session, userId + " session");
            Assert.Equal(expected.Taste.SessionId, ctx.SessionId);
            Assert.Equal(expected.Taste.NowPlaying, ctx.NowPlaying);
            Assert.Equal(expected.Recent, ctx.RecentTrackIds);
            Assert.Equal(expected.SessionSkips.Order(StringComparer.Ordinal), ctx.SessionSkippedTrackIds.Order(StringComparer.Ordinal));
            var plays = (await store.ReadPlayCountsAsync(userId)).ToDictionary(p => (p.Year, p.TrackId), p => p.Plays);
            Assert.Equal(expected.Plays.OrderBy(p => p.Key), plays.OrderBy(p => p.Key));
        }

        var epochScale = 1.0; // compare raw forward-decayed scores: asOf = epoch
        var trending = (await store.ReadTrendingAsync(10_000, store.Options.DecayEpoch)).ToDictionary(t => t.TrackId, t => t.Score * epochScale);
        foreach (var (track, score) in model.Trending)
        {
            Assert.True(trending.TryGetValue(track, out var actual), $"trending lacks {track}");
            if (exactAggregates)
            {
                Assert.Equal(score, actual, score * 1e-9);
            }
            else
            {
                Assert.True(actual >= score * (1 - 1e-9), $"trending {track}: {actual} < {score} (aggregates are at least once)");
            }
        }
        Assert.Equal(model.Trending.Count, trending.Count);
        var sources = model.Transitions.Keys.Select(k => k.From).Distinct().ToArray();
        var transitions = await store.ReadTransitionsAsync(sources, 10_000, store.Options.DecayEpoch);
        foreach (var ((from, to), score) in model.Transitions)
        {
            var actual = transitions[from].Single(s => s.TrackId == to).Score;
            Assert.True(exactAggregates ? Math.Abs(actual - score) <= score * 1e-9 : actual >= score * (1 - 1e-9), $"transition {from}->{to}: {actual} vs {score}");
        }
    }

    private static void AssertVector(DecayedVector? expected, DecayedVector? actual, string what)
    {
        if (expected is null || expected.IsEmpty)
        {
            Assert.True(actual is null, what + " should be absent");
            return;
        }
        Assert.NotNull(actual);
        Assert.Equal(expected.SpaceId, actual.SpaceId);
        Assert.Equal(expected.ReferenceTimeMs, actual.ReferenceTimeMs);
        Assert.Equal(expected.Mass, actual.Mass, 1e-4f);
        // Stored vectors are float16 shares of their largest component (VectorBlob.WriteCompact): each read from Redis
        // (a batch after a restart or a rebalance) rounds by at most largest/2048. Four such reads are allowed; one
        // event applied twice or lost moves a component by far more.
        var rounding = 4 * expected.Sum.Max(Math.Abs) / 2048;
        for (var i = 0; i < expected.Dimensions; i++)
        {
            Assert.True(Math.Abs(expected.Sum[i] - actual.Sum[i]) <= 1e-4f * (1 + Math.Abs(expected.Sum[i])) + rounding, $"{what}[{i}]: {actual.Sum[i]} vs {expected.Sum[i]}");
        }
    }
}
