using System.Diagnostics;
using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Streaming.TestInfrastructure.DevBroker;

namespace Streaming.FaultHarness.Chaos;

/// <summary>The faults of the chaos table, in the order they run. Each leaves the pipeline as it found it.</summary>
public static class FaultCatalog
{
    /// <summary>How long the broker stays down (the 5 s: longer than the gateway's 5 s delivery timeout).</summary>
    public static readonly TimeSpan BrokerOutage = TimeSpan.FromSeconds(5);

    /// <summary>Every fault. <paramref name="hold"/> is how long the lasting ones (a third member, Redis down, request errors) last.</summary>
    public static IReadOnlyList<PipelineFault> All(TimeSpan hold) =>
    [
        new("none (baseline)", (_, _) => Task.CompletedTask),
        new("worker SIGKILL", (p, _) => p.Workers[^1].KillAsync()) { RestoreAsync = ReplaceLastWorkerAsync },
        new("worker SIGTERM", StopLastWorkerAsync) { RestoreAsync = ReplaceLastWorkerAsync },
        new("third worker joins, then leaves", async (p, c) => c.Worker = await p.AddWorkerAsync())
        {
            Hold = hold,
            LiftAsync = async (p, c) =>
            {
                var stop = await c.Worker!.StopAsync(TimeSpan.FromSeconds(30));
                await p.RemoveWorkerAsync(c.Worker);
                if (!stop.Exited || stop.ExitCode != 0)
                {
                    c.Failures.Add("the third worker did not stop cleanly: " + stop.Describe());
                }
            },
        },
        new("redis-server SIGKILL, restart (AOF)", (p, _) => p.RedisServer.StopAsync()) { Hold = hold, LiftAsync = (p, _) => p.RedisServer.StartAsync() },
        new($"broker down {BrokerOutage.TotalSeconds:0} s", (p, _) => p.Broker.Control.BrokerDownAsync(1))
        {
            Hold = BrokerOutage,
            LiftAsync = (p, _) => p.Broker.Control.BrokerUpAsync(1),
        },
        new("partition leaders move", MoveLeadersAsync),
        new("Produce errors (NotLeaderForPartition)", FailEveryProduceAsync) { Hold = hold, LiftAsync = EndProduceErrorsAsync },
        RequestErrors(KafkaApiKey.Fetch, ErrorCode.NotLeaderForPartition, hold),
        RequestErrors(KafkaApiKey.OffsetCommit, ErrorCode.RequestTimedOut, hold),
        new("poison record", ProducePoisonAsync) { VerifyAsync = VerifyPoisonDeadLetteredAsync },
    ];

    /// <summary>
    /// The faults of a pipeline on a Redis Cluster (<see cref="RedisTopology.Cluster"/>), run on one started for them
    /// after <see cref="All"/>: one primary SIGKILLed mid-stream, held down for <paramref name="hold"/>, restarted on its
    /// ports and folder (AOF, <c>nodes.conf</c>) until every node reports <c>cluster_state:ok</c>.
    /// </summary>
    public static IReadOnlyList<PipelineFault> OnCluster(TimeSpan hold) =>
    [
        new("redis cluster node SIGKILL, restart (AOF)", KillClusterNodeAsync)
        {
            Hold = hold,
            LiftAsync = RestartClusterNodeAsync,
            VerifyAsync = VerifyWorkersRetriedAsync,
        },
    ];

    /// <summary>The primary the cluster row kills: any serves about a third of the users and trending shards.</summary>
    private const int KilledClusterNode = 0;

    private static async Task KillClusterNodeAsync(Pipeline pipeline, FaultContext context)
    {
        var cluster = pipeline.RedisCluster;
        context.RedisNodeId = await cluster.NodeIdAsync(KilledClusterNode);
        // Mid-stream means the stream has reached the node: a fresh pipeline's first writes may still be on their way
        // after a short warm-up (the quick form), and a node killed empty would replay nothing from its AOF.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while ((context.RedisNodeKeys = await cluster.KeyCountAsync(KilledClusterNode)) == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        if (context.RedisNodeKeys == 0)
        {
            context.Failures.Add($"redis node {cluster.Endpoints[KilledClusterNode]} held no key 10 s into the stream");
        }
        context.WorkerBatchFailures = await SumOverWorkersAsync(pipeline, BatchFailuresMetric);
        context.WorkerReplayed = await SumOverWorkersAsync(pipeline, DuplicatesMetric, ReplayedLabel);
        await cluster.KillNodeAsync(KilledClusterNode);
        if (cluster.IsNodeRunning(KilledClusterNode))
        {
            context.Failures.Add($"redis node {cluster.Endpoints[KilledClusterNode]} still runs after SIGKILL");
        }
    }

    private static async Task RestartClusterNodeAsync(Pipeline pipeline, FaultContext context)
    {
        var cluster = pipeline.RedisCluster;
        // Whether the others declared the node failed within the hold (after the 5 s node timeout, with a majority of
        // primaries): then they refuse every slot (CLUSTERDOWN), not only the dead node's.
        var survivors = StateOf(await cluster.ClusterInfoAsync((KilledClusterNode + 1) % cluster.Endpoints.Count));
        var clock = Stopwatch.StartNew();
        await cluster.RestartNodeAsync(KilledClusterNode);
        var rejoined = clock.Elapsed;
        var id = await cluster.NodeIdAsync(KilledClusterNode);
        var keys = await cluster.KeyCountAsync(KilledClusterNode);
        if (!string.Equals(id, context.RedisNodeId, StringComparison.Ordinal))
        {
            context.Failures.Add($"the restarted node is {id}, not {context.RedisNodeId}");
        }
        // Only the killed node's writes were stopped, and nothing of the row expires: fewer keys means the AOF lost some.
        if (keys < context.RedisNodeKeys)
        {
            context.Failures.Add($"the restarted node holds {keys} keys, {context.RedisNodeKeys} before the kill");
        }
        context.Notes.Add(string.Create(CultureInfo.InvariantCulture,
            $"node {cluster.Endpoints[KilledClusterNode]} ({id[..8]}) back with the same id, {context.RedisNodeKeys:N0} -> {keys:N0} keys; the others cluster_state:{survivors} before the restart; cluster_state:ok {rejoined.TotalSeconds:F1} s after it"));
    }

    private const string BatchFailuresMetric = "streaming_worker_batch_failures_total";
    private const string DuplicatesMetric = "streaming_worker_duplicates_skipped_total";
    private const string ReplayedLabel = "reason=\"offset\"";

    /// <summary>The kill reached the workers: batches failed on the dead node's slots and were retried whole.</summary>
    private static async Task VerifyWorkersRetriedAsync(Pipeline pipeline, FaultContext context)
    {
        var failures = await SumOverWorkersAsync(pipeline, BatchFailuresMetric) - context.WorkerBatchFailures;
        var replayed = await SumOverWorkersAsync(pipeline, DuplicatesMetric, ReplayedLabel) - context.WorkerReplayed;
        if (failures <= 0)
        {
            context.Failures.Add("no batch of the workers failed: the kill did not reach them");
        }
        context.Notes.Add(string.Create(CultureInfo.InvariantCulture,
            $"workers: {failures:N0} batch attempts failed and were retried, {replayed:N0} records skipped at their users' offset watermark"));
    }

    private static async Task<double> SumOverWorkersAsync(Pipeline pipeline, string metric, string? label = null) =>
        (await Task.WhenAll(pipeline.Workers.Select(w => w.ReadCounterAsync(metric, label)))).Sum();

    private static string StateOf(string clusterInfo) =>
        clusterInfo.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("cluster_state:", StringComparison.Ordinal))?["cluster_state:".Length..] ?? "?";

    private static PipelineFault RequestErrors(KafkaApiKey api, ErrorCode error, TimeSpan hold) =>
        new($"{api} errors ({error})", (p, _) => p.Broker.Control.PushRequestErrorsAsync(api, Enumerable.Repeat(error, 10).ToArray()))
        {
            Hold = hold,
            LiftAsync = (p, _) => p.Broker.Control.ClearRequestErrorsAsync(api),
        };

    /// <summary>More Produce errors than the hold can use up: every Produce request fails until the lift clears them.</summary>
    private const int StandingProduceErrors = 10_000;

    /// <summary>The dev broker's id for "every broker".</summary>
    private const int AllBrokers = -1;

    // Why the Produce row does not simply push a few errors like the Fetch and OffsetCommit rows: the dev broker
    // (librdkafka's mock) checks idempotent sequence numbers only for transactional producers. When the last injected
    // error hits one batch and the next pipelined batch of the same partition succeeds, a real broker answers that
    // batch OUT_OF_ORDER_SEQUENCE_NUMBER; the mock stores it, and librdkafka then "implicitly acks" the failed batch
    // as persisted (debug line IMPLICITACK) although it is in no log. So the errors stand for the whole hold, and the
    // lift closes every connection before it clears them: no connection that carried a failed request carries a
    // successful one, and the producer resends from its first unacknowledged batch, as a real broker's sequence check
    // would make it. (A leader-less partition would be the gentler end, but the mock crashes on Produce to one.)
    private static Task FailEveryProduceAsync(Pipeline pipeline, FaultContext context) =>
        pipeline.Broker.Control.PushRequestErrorsAsync(KafkaApiKey.Produce, Enumerable.Repeat(ErrorCode.NotLeaderForPartition, StandingProduceErrors).ToArray());

    private static async Task EndProduceErrorsAsync(Pipeline pipeline, FaultContext context)
    {
        await pipeline.Broker.Control.BrokerDownAsync(AllBrokers);
        await pipeline.Broker.Control.ClearRequestErrorsAsync(KafkaApiKey.Produce);
        await pipeline.Broker.Control.BrokerUpAsync(AllBrokers);
    }

    private static Dictionary<int, int> LeadersOf(Pipeline pipeline)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = pipeline.Settings.Bootstrap }).Build();
        return admin.GetMetadata(pipeline.Settings.Topic, TimeSpan.FromSeconds(10)).Topics.Single().Partitions.ToDictionary(p => p.PartitionId, p => p.Leader);
    }

    private static async Task StopLastWorkerAsync(Pipeline pipeline, FaultContext context)
    {
        var stop = await pipeline.Workers[^1].StopAsync(TimeSpan.FromSeconds(30));
        if (!stop.Exited || stop.ExitCode != 0 || stop.ErrorLines.Count > 0)
        {
            context.Failures.Add("SIGTERM did not stop the worker cleanly: " + stop.Describe());
        }
    }

    private static async Task ReplaceLastWorkerAsync(Pipeline pipeline, FaultContext context)
    {
        await pipeline.RemoveWorkerAsync(pipeline.Workers[^1]);
        await pipeline.AddWorkerAsync();
    }

    private static async Task MoveLeadersAsync(Pipeline pipeline, FaultContext context)
    {
        var leaders = LeadersOf(pipeline);
        foreach (var (partition, leader) in leaders)
        {
            // To the next broker: every partition changes leader at once.
            await pipeline.Broker.Control.SetLeaderAsync(pipeline.Settings.Topic, partition, leader % pipeline.Broker.Brokers + 1);
        }
        context.Notes.Add($"{leaders.Count} leaders moved");
    }

    private static async Task ProducePoisonAsync(Pipeline pipeline, FaultContext context)
    {
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = pipeline.Settings.Bootstrap }).Build();
        await producer.ProduceAsync(pipeline.Settings.Topic, new Message<string, byte[]> { Key = context.RowPrefix + "-poison", Value = Encoding.UTF8.GetBytes("{not json") });
    }

    private static Task VerifyPoisonDeadLetteredAsync(Pipeline pipeline, FaultContext context)
    {
        var dead = DeadLetters.ReadAll(pipeline.Settings.Bootstrap, pipeline.Settings.DeadLetterTopic, 2, TimeSpan.FromSeconds(20))
            .Where(d => d.Key == context.RowPrefix + "-poison").ToArray();
        if (dead.Length != 1)
        {
            context.Failures.Add($"{dead.Length} dead letters for the poison record (expected 1)");
        }
        else
        {
            var reason = dead[0].Reason;
            context.Notes.Add("dead-lettered: " + (reason.Length > 60 ? reason[..60] + "..." : reason));
        }
        return Task.CompletedTask;
    }
}
