using System.Net.Http.Headers;
using System.Security.Cryptography;
using Confluent.Kafka;
using Streaming.Messaging;
using Streaming.Security;
using Streaming.TestInfrastructure;
using Streaming.TestInfrastructure.DevBroker;

namespace Streaming.Benchmarks.Gateway;

/// <summary>
/// <c>gateway</c>: accepted events/s of <c>POST /v1/events</c> (batches of 100, each event durable in Kafka
/// before the 202) over HTTP, next to the same gateway's <c>POST /v1/noop</c> (identical pipeline: auth, body,
/// parse, validation, answer; no Kafka) in the same run. The ratio is the share of the HTTP stack's rate that
/// survives producing to Kafka with acks=all. The gateway runs as a child process; the broker is the dev broker
/// (librdkafka mock cluster) unless <c>--bootstrap</c> names one.
/// </summary>
public sealed class GatewayBench : IBench
{
    public string Name => "gateway";

    public string Description =>
        "events/s through the gateway (HTTP -> Kafka acks=all) vs its no-op endpoint. --seconds 10 --warmup 10 --concurrency 16 --batch 100 [--bootstrap HOST:PORT --topic T]";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var options = new BenchArgs(args);
        var seconds = options.Int("seconds", 10);
        var warmup = options.Int("warmup", 10);
        var concurrency = options.Int("concurrency", 16);
        var batchSize = options.Int("batch", 100);
        var users = options.Int("users", 10_000);
        var partitions = options.Int("partitions", 32);
        var bootstrap = options.Get("bootstrap");
        var topic = options.String("topic", TestNames.Topic("gateway-bench"));

        DevBrokerFixture? broker = null;
        try
        {
            KafkaNative.EnsureLoaded();
            if (bootstrap is null)
            {
                broker = new DevBrokerFixture();
                await broker.InitializeAsync();
                await broker.CreateTopicAsync(topic, partitions);
                bootstrap = broker.BootstrapServers;
            }
            var auth = new AuthOptions { SigningKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) };
            await using var gateway = GatewayProcess.Start(bootstrap, topic, auth.SigningKey);
            using var client = new HttpClient(new SocketsHttpHandler
            {
                ActivityHeadersPropagator = null,
                PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
                MaxConnectionsPerServer = concurrency,
            })
            {
                Timeout = TimeSpan.FromSeconds(30),
            };
            await gateway.WaitUntilReadyAsync(client, TimeSpan.FromSeconds(60), cancellationToken);
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", new TokenMinter(auth).CreateServiceToken("bench"));

            var bodies = BatchBodies.Create(256, batchSize, users, seed: 42);
            var events = new Uri(gateway.Address, "/v1/events");
            var noop = new Uri(gateway.Address, "/v1/noop");
            Console.WriteLine($"gateway: batches of {batchSize} events ({bodies.Average(b => b.Length) / 1024:F1} KiB), {concurrency} concurrent HTTP/1.1 clients, " +
                              $"{seconds} s per endpoint after {warmup} s warm-up; {Environment.ProcessorCount} cores shared by load generator, gateway and broker");
            Console.WriteLine($"         Kafka: {(broker is null ? bootstrap : "dev broker (librdkafka mock cluster)")}, topic {topic} ({partitions} partitions), acks=all, idempotent, lz4, linger 2 ms");

            var warmNoop = await ClosedLoop.RunAsync(client, noop, bodies, concurrency, TimeSpan.FromSeconds(warmup), cancellationToken);
            var warmEvents = await ClosedLoop.RunAsync(client, events, bodies, concurrency, TimeSpan.FromSeconds(warmup), cancellationToken);

            var cpuBefore = gateway.CpuTime();
            var kafka = await ClosedLoop.RunAsync(client, events, bodies, concurrency, TimeSpan.FromSeconds(seconds), cancellationToken);
            var kafkaCpu = gateway.CpuTime() - cpuBefore;
            cpuBefore = gateway.CpuTime();
            var baseline = await ClosedLoop.RunAsync(client, noop, bodies, concurrency, TimeSpan.FromSeconds(seconds), cancellationToken);
            var baselineCpu = gateway.CpuTime() - cpuBefore;

            Console.WriteLine();
            Console.WriteLine($"{"endpoint",-18} {"batches/s",10} {"events/s",10} {"p50 ms",8} {"p99 ms",8} {"errors",7} {"gateway CPU/1k events",22}");
            Print("POST /v1/events", kafka, batchSize, kafkaCpu);
            Print("POST /v1/noop", baseline, batchSize, baselineCpu);
            Console.WriteLine();
            Console.WriteLine($"ratio events/noop: {kafka.PerSecond / baseline.PerSecond:F2} (accepted events/s through Kafka per events/s of the same stack without it)");

            // Nothing lost: every 202'd event is in the topic (no retries happen here, so the counts must agree).
            var acknowledged = (warmEvents.Accepted + kafka.Accepted) * batchSize;
            var stored = StoredRecords(bootstrap, topic);
            Console.WriteLine($"check: {acknowledged:N0} events acknowledged with 202, {stored:N0} records in {topic}{(stored == acknowledged ? "" : "  <-- MISMATCH")}");
            if (warmNoop.Errors + warmEvents.Errors + kafka.Errors + baseline.Errors > 0)
            {
                Console.WriteLine("gateway output:" + Environment.NewLine + gateway.Output());
            }
            return stored == acknowledged ? 0 : 1;
        }
        finally
        {
            if (broker is not null)
            {
                await broker.DisposeAsync();
            }
        }
    }

    private static void Print(string name, ClosedLoopResult result, int batchSize, TimeSpan cpu)
    {
        var events = result.Accepted * batchSize;
        var cpuPerThousand = events == 0 ? double.NaN : cpu.TotalMilliseconds * 1000 / events;
        Console.WriteLine($"{name,-18} {result.PerSecond,10:N0} {result.PerSecond * batchSize,10:N0} {result.P50Ms,8:F2} {result.P99Ms,8:F2} {result.Errors,7} {cpuPerThousand,19:F1} ms");
    }

    private static long StoredRecords(string bootstrap, string topic)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap }).Build();
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = bootstrap, GroupId = TestNames.GroupId("gateway-bench") }).Build();
        return admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single().Partitions
            .Sum(p => consumer.QueryWatermarkOffsets(new TopicPartition(topic, p.PartitionId), TimeSpan.FromSeconds(10)).High.Value);
    }
}
