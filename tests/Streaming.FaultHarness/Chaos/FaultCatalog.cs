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
        new("redis-server SIGKILL, restart (AOF)", (p, _) => p.Redis.StopAsync()) { Hold = hold, LiftAsync = (p, _) => p.Redis.StartAsync() },
        new($"broker down {BrokerOutage.TotalSeconds:0} s", (p, _) => p.Broker.Control.BrokerDownAsync(1))
        {
            Hold = BrokerOutage,
            LiftAsync = (p, _) => p.Broker.Control.BrokerUpAsync(1),
        },
        new("partition leaders move", MoveLeadersAsync),
        RequestErrors(KafkaApiKey.Produce, ErrorCode.NotLeaderForPartition, hold),
        RequestErrors(KafkaApiKey.Fetch, ErrorCode.NotLeaderForPartition, hold),
        RequestErrors(KafkaApiKey.OffsetCommit, ErrorCode.RequestTimedOut, hold),
        new("poison record", ProducePoisonAsync) { VerifyAsync = VerifyPoisonDeadLetteredAsync },
    ];

    private static PipelineFault RequestErrors(KafkaApiKey api, ErrorCode error, TimeSpan hold) =>
        new($"{api} errors ({error})", (p, _) => p.Broker.Control.PushRequestErrorsAsync(api, Enumerable.Repeat(error, 10).ToArray()))
        {
            Hold = hold,
            LiftAsync = (p, _) => p.Broker.Control.ClearRequestErrorsAsync(api),
        };

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
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = pipeline.Settings.Bootstrap }).Build();
        var partitions = admin.GetMetadata(pipeline.Settings.Topic, TimeSpan.FromSeconds(10)).Topics.Single().Partitions;
        foreach (var partition in partitions)
        {
            // To the next broker: every partition changes leader at once.
            await pipeline.Broker.Control.SetLeaderAsync(pipeline.Settings.Topic, partition.PartitionId, partition.Leader % pipeline.Broker.Brokers + 1);
        }
        context.Notes.Add($"{partitions.Count} leaders moved");
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
