using System.Diagnostics;
using System.Globalization;
using Confluent.Kafka;
using StackExchange.Redis;
using Streaming.Catalog.Core;
using Streaming.Contracts.Events;
using Streaming.Contracts.Wire;
using Streaming.Messaging;
using Streaming.TasteMath;
using Streaming.TasteStore;
using Streaming.TestInfrastructure;
using Streaming.TestInfrastructure.DevBroker;
using Streaming.TestInfrastructure.Processes;
using Streaming.TestInfrastructure.Redis;

namespace Streaming.Benchmarks.Worker;

/// <summary>
/// <c>worker [--users 100000] [--events 300000] [--dims 64] [--tracks-per-artist 20] [--user-zipf 0.9]
/// [--track-zipf 1.0] [--partitions 32] [--batch 1000] [--bootstrap HOST:PORT] [--redis HOST:PORT]</c>.
/// One run measures, on the same topic and workload: (1) the raw consume rate (a consumer that only reads),
/// (2) the raw Redis rate of exactly the commands the worker issues for the same batches (same keys, same
/// blob sizes; states precomputed, so no Kafka and no math in the timing), (3) the worker process end to end
/// (Kafka -> decode -> math -> Redis -> offsets), and prints the ratios and the bytes per user.
/// </summary>
public sealed class WorkerBench : IBench
{
    public string Name => "worker";

    public string Description => "taste worker events/s vs raw Kafka consume and raw Redis pipelined writes of the same commands";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var a = new BenchArgs(args);
        var users = a.Int("users", 100_000);
        var events = a.Int("events", 300_000);
        var dims = a.Int("dims", 64);
        var partitions = a.Int("partitions", 32);
        var batchSize = a.Int("batch", 1_000);
        var userZipf = a.Double("user-zipf", 0.9);
        var trackZipf = a.Double("track-zipf", 1.0);
        var tracksPerArtist = a.Int("tracks-per-artist", 20);

        Console.WriteLine($"workload: {users:N0} users (zipf {userZipf}), {events:N0} events, {20 * 50 * tracksPerArtist:N0} tracks (zipf {trackZipf}), {dims} dims, {partitions} partitions, batch {batchSize}");
        var sw = Stopwatch.StartNew();
        var workload = WorkerWorkload.Create(users, events, tracksPerArtist, dims, userZipf, trackZipf, seed: 17);
        var catalogDir = Directory.CreateTempSubdirectory("bench-catalog-").FullName;
        CatalogSnapshotWriter.Write(workload.Snapshot, catalogDir);
        Console.WriteLine($"generated in {sw.Elapsed.TotalSeconds:F1} s");

        KafkaNative.EnsureLoaded();
        RedisServerFixture? redisFixture = null;
        DevBrokerFixture? brokerFixture = null;
        try
        {
            var redisEndpoint = a.Get("redis");
            if (redisEndpoint is null)
            {
                redisFixture = new RedisServerFixture();
                await redisFixture.InitializeAsync();
                redisEndpoint = redisFixture.Endpoint;
            }
            var bootstrap = a.Get("bootstrap");
            var topic = "bench.worker." + TestNames.Suffix();
            if (bootstrap is null)
            {
                brokerFixture = new DevBrokerFixture();
                await brokerFixture.InitializeAsync();
                bootstrap = brokerFixture.BootstrapServers;
                await brokerFixture.CreateTopicAsync(topic, partitions);
                await brokerFixture.CreateTopicAsync(topic + ".dlq", 1);
            }
            else
            {
                using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap }).Build();
                await admin.CreateTopicsAsync([
                    new Confluent.Kafka.Admin.TopicSpecification { Name = topic, NumPartitions = partitions, ReplicationFactor = 1 },
                    new Confluent.Kafka.Admin.TopicSpecification { Name = topic + ".dlq", NumPartitions = 1, ReplicationFactor = 1 }]);
            }
            var redisConnection = $"{redisEndpoint},abortConnect=false,syncTimeout=30000,asyncTimeout=30000";
            await using var redis = await ConnectionMultiplexer.ConnectAsync(redisConnection);

            // 0. Fill the topic.
            sw.Restart();
            var bytes = await FillAsync(bootstrap, topic, workload.Events);
            Console.WriteLine($"produced {events:N0} records ({bytes / 1048576.0:F1} MiB of values) in {sw.Elapsed.TotalSeconds:F1} s");

            // 1. Raw consume.
            var (consumed, consumeRate) = RawConsume(bootstrap, topic, events, cancellationToken);
            if (consumed < events)
            {
                Console.WriteLine($"WARNING: only {consumed:N0} of {events:N0} records readable (dev broker retention ~5 MiB/partition: lower --events or raise --partitions)");
            }
            Console.WriteLine($"raw consume:        {consumeRate,12:N0} records/s");

            // 2. Raw Redis: the worker's commands for the same batches, precomputed.
            var batches = PrepareRedisBatches(redis, workload, batchSize, partitions, topic);
            var redisRate1 = await TimeRedisAsync(redis, batches, workload.Events.Count);
            Console.WriteLine($"raw redis pipeline: {redisRate1,12:N0} events/s (same scripts, keys and blob sizes as the worker)");

            // 3. The worker, as its own process.
            var workerPrefix = "bench:worker:" + TestNames.Suffix() + ":";
            var (workerRate1, processed) = await RunWorkerAsync(bootstrap, redisConnection, catalogDir, workerPrefix, topic, consumed, batchSize, cancellationToken);
            Console.WriteLine($"worker end to end:  {workerRate1,12:N0} events/s ({processed:N0} records)");

            // The machine is shared and its load moves: every measurement again, alternating, and the best of each counts.
            var (_, consumeRate2) = RawConsume(bootstrap, topic, events, cancellationToken);
            Console.WriteLine($"raw consume again:  {consumeRate2,12:N0} records/s");
            var redisRate2 = await TimeRedisAsync(redis, batches, workload.Events.Count);
            Console.WriteLine($"raw redis again:    {redisRate2,12:N0} events/s");
            var (workerRate2, _) = await RunWorkerAsync(bootstrap, redisConnection, catalogDir, "bench:worker2:" + TestNames.Suffix() + ":", topic, consumed, batchSize, cancellationToken);
            Console.WriteLine($"worker again:       {workerRate2,12:N0} events/s");
            consumeRate = Math.Max(consumeRate, consumeRate2);
            var redisRate = Math.Max(redisRate1, redisRate2);
            var workerRate = Math.Max(workerRate1, workerRate2);
            Console.WriteLine($"best of two: raw consume {consumeRate:N0} records/s, raw redis {redisRate:N0} events/s, worker {workerRate:N0} events/s");

            var lower = Math.Min(consumeRate, redisRate);
            Console.WriteLine();
            Console.WriteLine($"worker / raw consume = {workerRate / consumeRate:P0}");
            Console.WriteLine($"worker / raw redis   = {workerRate / redisRate:P0}");
            Console.WriteLine($"worker / lower raw   = {workerRate / lower:P0}  (target >= 70%) {(workerRate >= 0.7 * lower ? "MET" : "MISSED")}");

            await PrintMemoryAsync(redis, workerPrefix, workload);
            return 0;
        }
        finally
        {
            if (brokerFixture is not null)
            {
                await brokerFixture.DisposeAsync();
            }
            if (redisFixture is not null)
            {
                await redisFixture.DisposeAsync();
            }
            Directory.Delete(catalogDir, recursive: true);
        }
    }

    private static async Task<long> FillAsync(string bootstrap, string topic, List<ListeningEvent> events)
    {
        var config = KafkaClientConfig.Producer(new KafkaConnectionOptions { BootstrapServers = bootstrap, StatisticsIntervalMs = 0 },
            new KafkaProducerOptions { LingerMs = 20, MessageTimeoutMs = 120_000 }, "bench-producer");
        config.BatchSize = 1_000_000;
        using var producer = new ProducerBuilder<string, byte[]>(config).Build();
        long bytes = 0;
        var failed = 0;
        foreach (var e in events)
        {
            var value = ListeningRecordSerializer.Serialize(e);
            bytes += value.Length;
            while (true)
            {
                try
                {
                    producer.Produce(topic, new Message<string, byte[]> { Key = e.UserId, Value = value },
                        r => { if (r.Error.IsError) { Interlocked.Increment(ref failed); } });
                    break;
                }
                catch (ProduceException<string, byte[]> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
                {
                    producer.Poll(TimeSpan.FromMilliseconds(50));
                }
            }
        }
        producer.Flush(TimeSpan.FromMinutes(2));
        await Task.CompletedTask;
        return failed == 0 ? bytes : throw new InvalidOperationException($"{failed} records failed to produce");
    }

    private static (long Consumed, double Rate) RawConsume(string bootstrap, string topic, int expected, CancellationToken cancellationToken)
    {
        var config = KafkaClientConfig.Consumer(new KafkaConnectionOptions { BootstrapServers = bootstrap, StatisticsIntervalMs = 0 },
            new KafkaConsumerOptions { GroupId = "bench-raw-" + TestNames.Suffix() }, "bench-raw");
        using var consumer = new ConsumerBuilder<string, byte[]>(config).Build();
        consumer.Subscribe(topic);
        long count = 0, checksum = 0;
        var sw = new Stopwatch();
        var idleSince = Stopwatch.StartNew();
        while (count < expected && !cancellationToken.IsCancellationRequested && idleSince.Elapsed < TimeSpan.FromSeconds(15))
        {
            var r = consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (r is null)
            {
                continue;
            }
            if (count == 0)
            {
                sw.Start();
            }
            idleSince.Restart();
            checksum += r.Message.Value.Length;
            count++;
        }
        sw.Stop();
        consumer.Close();
        return (count, count > 1 ? (count - 1) / sw.Elapsed.TotalSeconds : 0);
    }

    /// <summary>
    /// The worker's Redis commands for the same batches: one pipelined read of every user's state and seen
    /// ids, the aggregate scripts, one write script per user. States are folded beforehand (untimed).
    /// </summary>
    private static List<(UserStateRequest[] Reads, AggregateBatch Aggregates, UserWrite[] Writes)> PrepareRedisBatches(
        IConnectionMultiplexer redis, WorkerWorkload workload, int batchSize, int partitions, string topic)
    {
        // Only builds aggregate batches (same options as the worker); nothing is sent here.
        var store = new TasteStore.TasteStore(redis, new TasteStoreOptions());
        var folder = new TasteFolder(TasteParameters.Default);
        var snapshot = workload.Snapshot;
        var tastes = new Dictionary<string, UserTaste>(StringComparer.Ordinal);
        var sequence = new Dictionary<string, long>(StringComparer.Ordinal);
        var offsets = new long[partitions];
        var batches = new List<(UserStateRequest[] Reads, AggregateBatch Aggregates, UserWrite[] Writes)>();
        foreach (var chunk in workload.Events.Chunk(batchSize))
        {
            var aggregates = store.CreateAggregateBatch();
            var reads = new List<UserStateRequest>();
            var writes = new List<UserWrite>();
            foreach (var group in chunk.GroupBy(e => e.UserId, StringComparer.Ordinal))
            {
                var partition = (int)((uint)group.Key.GetHashCode(StringComparison.Ordinal) % (uint)partitions);
                var field = TasteKeys.OffsetField(topic, partition);
                reads.Add(new UserStateRequest(group.Key, group.Select(e => e.EventId).ToArray(), field));
                var taste = tastes.TryGetValue(group.Key, out var t) ? t : tastes[group.Key] = new UserTaste();
                var seq = sequence.GetValueOrDefault(group.Key);
                sequence[group.Key] = seq + 1;
                var write = new UserWrite(group.Key, seq);
                foreach (var e in group)
                {
                    var row = snapshot.IndexOf(e.TrackId);
                    var effects = folder.Apply(taste, e, row >= 0 && snapshot.HasVector(row) ? snapshot.VectorOf(row) : [], snapshot.SpaceId);
                    write.Record(e, effects, aggregates);
                }
                write.State = taste.Clone();
                write.AppliedOffset = (field, offsets[partition] += group.Count());
                writes.Add(write);
            }
            batches.Add((reads.ToArray(), aggregates, writes.ToArray()));
        }
        return batches;
    }

    /// <summary>Issues the prepared batches into a fresh key prefix, batch after batch, as the worker does.</summary>
    private static async Task<double> TimeRedisAsync(
        IConnectionMultiplexer redis, List<(UserStateRequest[] Reads, AggregateBatch Aggregates, UserWrite[] Writes)> batches, int events)
    {
        var store = new TasteStore.TasteStore(redis, new TasteStoreOptions { KeyPrefix = "bench:raw:" + TestNames.Suffix() + ":" });
        var sw = Stopwatch.StartNew();
        var phases = new double[3];
        foreach (var (reads, aggregates, writes) in batches)
        {
            var t0 = Stopwatch.GetTimestamp();
            await store.ReadUserStatesAsync(reads);
            var t1 = Stopwatch.GetTimestamp();
            if (aggregates.Count > 0)
            {
                await store.WriteAggregatesAsync(aggregates);
            }
            var t2 = Stopwatch.GetTimestamp();
            var applied = await store.WriteUsersAsync(writes);
            phases[0] += Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds;
            phases[1] += Stopwatch.GetElapsedTime(t1, t2).TotalMilliseconds;
            phases[2] += Stopwatch.GetElapsedTime(t2).TotalMilliseconds;
            if (applied.Any(ok => !ok))
            {
                throw new InvalidOperationException("raw redis baseline: unexpected CAS conflict");
            }
        }
        Console.WriteLine($"  raw redis per batch: read {phases[0] / batches.Count:F1} ms, aggregates {phases[1] / batches.Count:F1} ms, write {phases[2] / batches.Count:F1} ms");
        return events / sw.Elapsed.TotalSeconds;
    }

    private static async Task<(double Rate, long Processed)> RunWorkerAsync(
        string bootstrap, string redis, string catalogDir, string prefix, string topic, long expected, int batchSize, CancellationToken cancellationToken)
    {
        var dll = WorkerDll();
        var port = FreePort.Next();
        await using var worker = ChildProcess.Start("taste-worker", DotNetHost.Path, [dll], Path.GetDirectoryName(dll), new Dictionary<string, string?>
        {
            ["ConnectionStrings__kafka"] = bootstrap,
            ["ConnectionStrings__redis"] = redis,
            ["Catalog__SnapshotDirectory"] = catalogDir,
            ["TasteStore__KeyPrefix"] = prefix,
            ["TasteWorker__Topic"] = topic,
            ["TasteWorker__DeadLetterTopic"] = topic + ".dlq",
            ["TasteWorker__MaxBatchSize"] = batchSize.ToString(CultureInfo.InvariantCulture),
            ["Kafka__Consumer__GroupId"] = "bench-worker-" + TestNames.Suffix(),
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["Logging__LogLevel__Default"] = "Warning",
            ["OTEL_SERVICE_NAME"] = "taste-worker",
        });
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(5) };
        double processed = 0, firstCount = 0;
        var clock = Stopwatch.StartNew();
        TimeSpan? first = null;
        var lastProgress = clock.Elapsed;
        while (processed < expected && !cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(50, CancellationToken.None);
            double now;
            try
            {
                now = await ProcessedAsync(http);
            }
            catch (HttpRequestException)
            {
                if (worker.HasExited)
                {
                    throw new InvalidOperationException("worker exited: " + worker.DescribeOutput());
                }
                continue;
            }
            if (now > processed)
            {
                lastProgress = clock.Elapsed;
            }
            if (first is null && now > 0)
            {
                (first, firstCount) = (clock.Elapsed, now);
            }
            processed = now;
            if (clock.Elapsed - lastProgress > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException($"worker stalled at {processed:N0}/{expected:N0}: " + worker.DescribeOutput());
            }
        }
        var elapsed = clock.Elapsed - (first ?? TimeSpan.Zero);
        var metrics = await http.GetStringAsync("metrics");
        double Metric(string name) => metrics.Split('\n').Where(l => l.StartsWith(name + " ", StringComparison.Ordinal) || l.StartsWith(name + "{", StringComparison.Ordinal))
            .Select(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture)).Sum();
        var batches = Metric("streaming_worker_batch_duration_seconds_count");
        var applySeconds = Metric("streaming_worker_batch_duration_seconds_sum");
        Console.WriteLine($"worker batches: {batches:N0}, avg {Metric("streaming_worker_batch_size_sum") / batches:F0} records, avg apply {1000 * applySeconds / batches:F1} ms; "
                          + $"apply = {applySeconds / elapsed.TotalSeconds:P0} of the wall time (the rest: fetch, decode, offsets), CAS conflicts {Metric("streaming_worker_cas_conflicts_total"):N0}");
        foreach (var phase in new[] { "decode", "read", "compute", "aggregates", "write" })
        {
            var sum = metrics.Split('\n').Where(l => l.StartsWith("streaming_worker_phase_duration_seconds_sum", StringComparison.Ordinal) && l.Contains($"phase=\"{phase}\"", StringComparison.Ordinal))
                .Select(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture)).Sum();
            Console.WriteLine($"  phase {phase,-10} {1000 * sum / batches,8:F1} ms/batch");
        }
        return ((processed - firstCount) / elapsed.TotalSeconds, (long)processed);
    }

    private static async Task<double> ProcessedAsync(HttpClient http)
    {
        var text = await http.GetStringAsync("metrics");
        var sum = 0.0;
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith("streaming_worker_events_applied_total", StringComparison.Ordinal)
                || line.StartsWith("streaming_worker_duplicates_skipped_total", StringComparison.Ordinal)
                || line.StartsWith("streaming_worker_dead_lettered_total", StringComparison.Ordinal))
            {
                sum += double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
            }
        }
        return sum;
    }

    private static async Task PrintMemoryAsync(IConnectionMultiplexer redis, string prefix, WorkerWorkload workload)
    {
        var store = new TasteStore.TasteStore(redis, new TasteStoreOptions { KeyPrefix = prefix });
        var events = workload.Events.GroupBy(e => e.UserId).ToDictionary(g => g.Key, g => g.Count());
        var active = events.OrderByDescending(e => e.Value).ThenBy(e => e.Key, StringComparer.Ordinal).Take(2_000).Select(e => e.Key).ToArray();
        var random = events.Keys.Order(StringComparer.Ordinal).ToArray();
        new Random(5).Shuffle(random);
        Console.WriteLine();
        Console.WriteLine("bytes per user (MEMORY USAGE of each key):");
        Console.WriteLine($"  {"sample",-26} {"events",7} {"state",7} {"recent",7} {"skips",7} {"seen",7} {"plays",7} {"history",7} {"total",7}");
        await PrintSampleAsync(redis, store, "2,000 most active users", active, events);
        await PrintSampleAsync(redis, store, "2,000 random users", random.Take(2_000).ToArray(), events);
        var info = (string?)await redis.GetDatabase().ExecuteAsync("INFO", "memory") ?? "";
        var used = info.Split('\n').FirstOrDefault(l => l.StartsWith("used_memory:", StringComparison.Ordinal))?.Trim();
        Console.WriteLine($"  redis {used} for {events.Count:N0} users in three prefixes (two raw replays + worker) plus aggregates");
    }

    private static async Task PrintSampleAsync(IConnectionMultiplexer redis, TasteStore.TasteStore store, string name, string[] users, Dictionary<string, int> events)
    {
        var db = redis.GetDatabase();
        // One column per key of a user, in AllOfUser's order (state, recent, skips, seen, plays, history).
        var totals = new long[store.Keys.AllOfUser(users[0]).Length];
        foreach (var user in users)
        {
            var keys = store.Keys.AllOfUser(user);
            for (var k = 0; k < keys.Length; k++)
            {
                var r = await db.ExecuteAsync("MEMORY", "USAGE", keys[k], "SAMPLES", "0");
                totals[k] += r.IsNull ? 0 : (long)r;
            }
        }
        double Avg(long v) => v / (double)users.Length;
        Console.WriteLine($"  {name,-26} {users.Average(u => events[u]),7:F1} {Avg(totals[0]),7:F0} {Avg(totals[1]),7:F0} {Avg(totals[2]),7:F0} {Avg(totals[3]),7:F0} {Avg(totals[4]),7:F0} {Avg(totals[5]),7:F0} {Avg(totals.Sum()),7:F0}");
    }

    private static string WorkerDll()
    {
        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = RepoPaths.Combine("services", "Streaming.TasteWorker", "bin", configuration, "net10.0", "Streaming.TasteWorker.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build the worker first: dotnet build services/Streaming.TasteWorker -c {configuration}", dll);
    }
}
