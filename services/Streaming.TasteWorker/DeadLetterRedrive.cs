using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Streaming.Messaging;

namespace Streaming.TasteWorker;

/// <summary>
/// <c>dotnet Streaming.TasteWorker.dll redrive-dlq [--max N] [--idle-ms MS] [--group G]</c>: after a fix,
/// reproduces dead-lettered records onto the topic they came from (header <c>dlq-source-topic</c>, else
/// <c>TasteWorker:Topic</c>) with their original key, value and headers minus every <c>dlq-</c> header, and
/// commits the dead-letter offsets once the broker has each copy. Only records present when it starts are
/// redriven (a record that fails again is dead-lettered anew and waits for the next fix); it stops at those
/// end offsets, after N records, or when nothing arrives for the idle time. Configuration as for the worker (<c>ConnectionStrings:kafka</c>, <c>TasteWorker</c>).
/// </summary>
public static class DeadLetterRedrive
{
    public const string Verb = "redrive-dlq";
    public const string DefaultGroup = "taste-worker-dlq-redrive";

    public static async Task<int> RunAsync(string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
        var max = IntArg(args, "--max", int.MaxValue);
        var idle = TimeSpan.FromMilliseconds(IntArg(args, "--idle-ms", 5_000));
        var group = StringArg(args, "--group") ?? DefaultGroup;
        var bootstrap = configuration.GetConnectionString("kafka");
        if (string.IsNullOrWhiteSpace(bootstrap))
        {
            Console.Error.WriteLine("ConnectionStrings:kafka (ConnectionStrings__kafka) is required.");
            return 2;
        }
        var worker = configuration.GetSection(TasteWorkerOptions.Section).Get<TasteWorkerOptions>() ?? new TasteWorkerOptions();

        KafkaNative.EnsureLoaded();
        var connection = new KafkaConnectionOptions { BootstrapServers = bootstrap, StatisticsIntervalMs = 0 };
        var consumerConfig = KafkaClientConfig.Consumer(connection, new KafkaConsumerOptions { GroupId = group }, "taste-worker-redrive");
        consumerConfig.EnableAutoCommit = false;
        using var consumer = new ConsumerBuilder<byte[], byte[]>(consumerConfig).Build();
        using var producer = new ProducerBuilder<byte[], byte[]>(
            KafkaClientConfig.Producer(connection, new KafkaProducerOptions(), "taste-worker-redrive")).Build();

        using var admin = new AdminClientBuilder(KafkaClientConfig.Admin(connection, "taste-worker-redrive")).Build();
        var metadata = admin.GetMetadata(worker.DeadLetterTopic, TimeSpan.FromSeconds(10));
        var partitions = metadata.Topics.Single().Partitions
            .Select(p => new TopicPartition(worker.DeadLetterTopic, p.PartitionId))
            .ToList();
        // Offset.Unset: start at the group's committed offset (else the earliest).
        consumer.Assign(partitions.Select(p => new TopicPartitionOffset(p, Offset.Unset)));
        var endAtStart = partitions.ToDictionary(p => p, p => consumer.QueryWatermarkOffsets(p, TimeSpan.FromSeconds(10)).High.Value);
        var committed = consumer.Committed(partitions, TimeSpan.FromSeconds(10))
            .ToDictionary(c => c.TopicPartition, c => c.Offset.IsSpecial ? 0 : c.Offset.Value);
        var open = partitions.Where(p => committed.GetValueOrDefault(p) < endAtStart[p]).ToHashSet();
        var redriven = 0;
        try
        {
            while (redriven < max && open.Count > 0)
            {
                var record = consumer.Consume(idle);
                if (record is null)
                {
                    break;
                }
                if (record.Offset.Value >= endAtStart[record.TopicPartition])
                {
                    open.Remove(record.TopicPartition);
                    consumer.Pause([record.TopicPartition]);
                    continue;
                }
                var target = HeaderText(record.Message.Headers, DeadLetterHeaders.SourceTopic) ?? worker.Topic;
                var headers = new Headers();
                foreach (var h in record.Message.Headers ?? [])
                {
                    if (!h.Key.StartsWith(DeadLetterHeaders.Prefix, StringComparison.Ordinal))
                    {
                        headers.Add(h.Key, h.GetValueBytes());
                    }
                }
                await producer.ProduceAsync(target, new Message<byte[], byte[]>
                {
                    Key = record.Message.Key,
                    Value = record.Message.Value,
                    Headers = headers,
                });
                consumer.Commit([new TopicPartitionOffset(record.TopicPartition, record.Offset + 1)]);
                redriven++;
                if (record.Offset.Value + 1 >= endAtStart[record.TopicPartition])
                {
                    open.Remove(record.TopicPartition);
                    consumer.Pause([record.TopicPartition]);
                }
            }
        }
        finally
        {
            consumer.Close();
        }
        Console.WriteLine($"redrive-dlq: {redriven.ToString(CultureInfo.InvariantCulture)} record(s) from {worker.DeadLetterTopic} reproduced and committed");
        return 0;
    }

    private static string? HeaderText(Headers? headers, string name) =>
        headers is not null && headers.TryGetLastBytes(name, out var bytes) ? Encoding.UTF8.GetString(bytes) : null;

    private static int IntArg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static string? StringArg(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
