using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Streaming.Catalog.Core;
using Streaming.Contracts;
using Streaming.Contracts.Events;
using Streaming.Contracts.Wire;
using Streaming.Recommender;
using Streaming.Recommender.Index;
using Streaming.Recommender.Options;
using Streaming.Recommender.Recommendations;
using Streaming.Recommender.Taste;
using Streaming.Recommender.Telemetry;
using Streaming.Recommender.Trending;
using Streaming.Replay.Live;
using Streaming.TasteMath;
using Streaming.TasteStore;
using Streaming.TasteWorker;

namespace Streaming.Replay.InProcess;

/// <summary>
/// The system without HTTP or Kafka, in this process: the worker's apply path (<see cref="BatchApplier"/>: decode,
/// fold, the compare-and-set writes) into a real redis-server, and the recommender's answer path
/// (<see cref="RecommendationService"/> over the same store, the snapshot's index and ranker). Records are the bytes the
/// gateway would produce, on the partition its producer would pick, with increasing offsets.
/// </summary>
public sealed class InProcessSystem : IAsyncDisposable
{
    private const string Topic = KafkaTopics.ListeningEvents;

    private readonly IHost _host;
    private readonly BatchApplier _applier;
    private readonly long[] _nextOffset = new long[KafkaPartitions.DevBrokerPartitions];

    private InProcessSystem(IHost host, TrackIndex index, BatchApplier applier)
    {
        _host = host;
        Index = index;
        _applier = applier;
    }

    public TrackIndex Index { get; }

    public CatalogSnapshot Snapshot => Index.Snapshot;

    public RecommendationService Recommender => _host.Services.GetRequiredService<RecommendationService>();

    /// <summary>A recommendation service over the same store with other options (the ablations).</summary>
    public RecommendationService RecommenderWith(RecommenderOptions options) => new(
        _host.Services.GetRequiredService<TasteReader>(),
        _host.Services.GetRequiredService<FallbackFiller>(),
        Microsoft.Extensions.Options.Options.Create(options),
        _host.Services.GetRequiredService<RecommenderMetrics>(),
        TimeProvider.System);

    public RecommenderOptions Options => _host.Services.GetRequiredService<IOptions<RecommenderOptions>>().Value;

    public static async Task<InProcessSystem> StartAsync(CatalogSnapshot snapshot, string redis, string keyPrefix)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:redis"] = redis,
            ["TasteStore:KeyPrefix"] = keyPrefix,
            // Nothing here competes for the machine but this run: a generous budget, so no answer degrades.
            ["Recommender:RedisTimeout"] = "00:00:05",
        });
        builder.Logging.ClearProviders();
        builder.AddRecommendationCore();
        var host = builder.Build();
        await host.StartAsync();

        var recommender = host.Services.GetRequiredService<IOptions<RecommenderOptions>>().Value;
        var index = TrackIndexBuilder.Build(snapshot, recommender);
        var store = host.Services.GetRequiredService<TasteStore.TasteStore>();
        var workerOptions = Microsoft.Extensions.Options.Options.Create(new TasteWorkerOptions());
        // One worker holding every partition, as the live run's worker does: it keeps its users' states in process.
        var cache = new UserStateCache(workerOptions);
        cache.Assign(Enumerable.Range(0, KafkaPartitions.DevBrokerPartitions).Select(p => new TopicPartition(Topic, p)));
        var applier = new BatchApplier(store, new TasteFolder(TasteParameters.Default), cache, new NoDeadLetters(),
            new TasteWorkerMetrics(host.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()),
            workerOptions, NullLogger<BatchApplier>.Instance);
        var system = new InProcessSystem(host, index, applier);
        await system.RefreshTrendingAsync();
        return system;
    }

    /// <summary>Applies one step (consecutive plays of one user) the way the worker applies a fetched batch.</summary>
    public async Task ApplyAsync(IReadOnlyList<Protocol.TimelineEvent> events)
    {
        var batch = new List<ConsumeResult<string, byte[]>>(events.Count);
        foreach (var e in events)
        {
            var value = ListeningRecordSerializer.Serialize(new ListeningEvent
            {
                EventId = e.EventId,
                UserId = e.UserId,
                TrackId = e.TrackId,
                SessionId = e.Play.SessionId,
                Kind = ListeningEventKind.PlayEnded,
                OccurredAt = e.OccurredAt,
                MsPlayed = e.Play.MsPlayed,
                TrackDurationMs = e.Play.DurationMs,
                PrivateSession = e.Play.IsPrivate,
            });
            var partition = KafkaPartitions.Of(e.UserId, KafkaPartitions.DevBrokerPartitions);
            batch.Add(new ConsumeResult<string, byte[]>
            {
                TopicPartitionOffset = new TopicPartitionOffset(Topic, partition, _nextOffset[partition]++),
                Message = new Message<string, byte[]> { Key = e.UserId, Value = value, Timestamp = new Timestamp(DateTime.UtcNow) },
            });
        }
        await _applier.ApplyAsync(batch, Snapshot);
    }

    /// <summary>Reads trending again (the service refreshes it on a timer).</summary>
    public Task RefreshTrendingAsync() => _host.Services.GetRequiredService<TrendingCache>().RefreshAsync(CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    /// <summary>The evaluator posts only valid records: a dead letter would be a bug here.</summary>
    private sealed class NoDeadLetters : IDeadLetterSink
    {
        public Task PublishAsync(ConsumeResult<string, byte[]> source, string reason) =>
            throw new InvalidOperationException($"Record at offset {source.Offset} was dead-lettered: {reason}");
    }
}
