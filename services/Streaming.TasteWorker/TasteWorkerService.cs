using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streaming.Catalog.Core.Hosting;
using Streaming.Messaging;

namespace Streaming.TasteWorker;

/// <summary>
/// The consume loop, on a dedicated thread: fetch a batch (up to <see cref="TasteWorkerOptions.MaxBatchSize"/>
/// records, closed after <see cref="TasteWorkerOptions.BatchIdleMs"/> without a record or
/// <see cref="TasteWorkerOptions.MaxBatchWaitMs"/> after its first), apply it (retrying until it is durable),
/// then store its offsets (committed by the client every <c>AutoCommitIntervalMs</c>, and for partitions being
/// revoked by librdkafka itself before they go). On shutdown the current batch finishes, its offsets are stored,
/// and the consumer closes (committing them and leaving the group) within <c>Kafka:Consumer:CloseTimeoutMs</c>.
/// The loop owns the consumer from creation to disposal.
/// </summary>
public sealed class TasteWorkerService(
    KafkaConsumerFactory consumers,
    BatchApplier applier,
    CatalogSnapshotHolder catalog,
    IOptions<TasteWorkerOptions> options,
    IOptions<KafkaConsumerOptions> consumerOptions,
    ILogger<TasteWorkerService> logger) : BackgroundService
{
    private readonly TasteWorkerOptions _options = options.Value;
    private long _batches;
    private long _records;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => Run(stoppingToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(CancellationToken stoppingToken)
    {
        try
        {
            var snapshot = catalog.WhenLoadedAsync(stoppingToken).GetAwaiter().GetResult();
            TasteWorkerLog.Started(logger, _options.Topic, consumerOptions.Value.GroupId, snapshot.Version, snapshot.SpaceId, snapshot.Dimensions);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        var consumer = consumers.Create();
        consumer.Subscribe(_options.Topic);
        var batch = new List<ConsumeResult<string, byte[]>>(_options.MaxBatchSize);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                batch.Clear();
                Fill(consumer, batch, stoppingToken);
                if (batch.Count == 0)
                {
                    continue;
                }
                if (!ApplyWithRetry(batch, stoppingToken))
                {
                    break;
                }
                StoreOffsets(consumer, batch);
                _batches++;
                _records += batch.Count;
            }
        }
        finally
        {
            var closed = consumer.CloseWithin(TimeSpan.FromMilliseconds(consumerOptions.Value.CloseTimeoutMs), logger);
            TasteWorkerLog.Stopped(logger, _batches, _records, closed);
        }
    }

    private void Fill(IConsumer<string, byte[]> consumer, List<ConsumeResult<string, byte[]>> batch, CancellationToken stoppingToken)
    {
        var first = Next(consumer, stoppingToken, TimeSpan.FromMilliseconds(200));
        if (first is null)
        {
            return;
        }
        batch.Add(first);
        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * _options.MaxBatchWaitMs / 1000;
        var idle = TimeSpan.FromMilliseconds(_options.BatchIdleMs);
        while (batch.Count < _options.MaxBatchSize && Stopwatch.GetTimestamp() < deadline && !stoppingToken.IsCancellationRequested)
        {
            var next = Next(consumer, stoppingToken, idle);
            if (next is null)
            {
                break;
            }
            batch.Add(next);
        }
    }

    private ConsumeResult<string, byte[]>? Next(IConsumer<string, byte[]> consumer, CancellationToken stoppingToken, TimeSpan timeout)
    {
        try
        {
            return consumer.Consume(timeout);
        }
        catch (ConsumeException ex) when (ex.Error.Code == ErrorCode.Local_KeyDeserialization && ex.ConsumerRecord is { } raw)
        {
            // The key is not UTF-8. The key only routes; the value says whose record it is, so it is decoded like
            // any other (and dead-lettered with the value intact when that fails too).
            return new ConsumeResult<string, byte[]>
            {
                TopicPartitionOffset = raw.TopicPartitionOffset,
                Message = new Message<string, byte[]> { Key = null!, Value = raw.Message?.Value ?? [], Headers = raw.Message?.Headers, Timestamp = raw.Message?.Timestamp ?? default },
            };
        }
        catch (ConsumeException ex)
        {
            TasteWorkerLog.ConsumeError(logger, ex.Error.Code, ex.Error.Reason);
            if (ex.Error.IsFatal)
            {
                throw;
            }
            return null;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>Applies until durable; false when shutdown came first (offsets of the batch are then not stored).</summary>
    private bool ApplyWithRetry(List<ConsumeResult<string, byte[]>> batch, CancellationToken stoppingToken)
    {
        using var activity = KafkaTelemetry.StartProcessBatch(_options.Topic, batch, consumerOptions.Value.GroupId);
        var snapshot = catalog.Required;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var result = applier.ApplyAsync(batch, snapshot).GetAwaiter().GetResult();
                KafkaTelemetry.TraceRecords(activity, batch, result.Phases, consumerOptions.Value.GroupId);
                return true;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                applier.RecordFailure();
                var delay = TimeSpan.FromMilliseconds(Math.Min(_options.MaxRetryBackoff.TotalMilliseconds, 50 * Math.Pow(2, Math.Min(attempt, 16))));
                TasteWorkerLog.BatchFailed(logger, ex, batch.Count, attempt, (long)delay.TotalMilliseconds);
                activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
                if (stoppingToken.WaitHandle.WaitOne(delay))
                {
                    return false;
                }
            }
        }
    }

    private void StoreOffsets(IConsumer<string, byte[]> consumer, List<ConsumeResult<string, byte[]>> batch)
    {
        var highest = new Dictionary<TopicPartition, ConsumeResult<string, byte[]>>();
        foreach (var cr in batch)
        {
            if (!highest.TryGetValue(cr.TopicPartition, out var known) || known.Offset < cr.Offset)
            {
                highest[cr.TopicPartition] = cr;
            }
        }
        foreach (var cr in highest.Values)
        {
            try
            {
                consumer.StoreOffset(cr);
            }
            catch (KafkaException ex)
            {
                // The partition was revoked meanwhile: its new owner re-applies, and de-duplication makes that a no-op.
                TasteWorkerLog.StoreSkipped(logger, cr.TopicPartition.ToString(), ex.Error.Reason);
            }
        }
    }
}
