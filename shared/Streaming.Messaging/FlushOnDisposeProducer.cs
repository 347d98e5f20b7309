using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Streaming.Messaging;

/// <summary>
/// The process's producer as the DI container owns it: every call goes to the librdkafka producer, and
/// <see cref="Dispose"/> (run once by the container, after the host has stopped the hosted services and drained
/// the requests) flushes what is still queued, bounded by <see cref="KafkaProducerOptions.FlushOnDisposeMs"/>,
/// then destroys the handle. No hosted service touches the producer at stop, so a stop can never race the
/// container's disposal of it.
/// </summary>
public sealed class FlushOnDisposeProducer<TKey, TValue>(IProducer<TKey, TValue> inner, TimeSpan flushBudget, ILogger logger)
    : IProducer<TKey, TValue>
{
    private int _disposed;

    public Handle Handle => inner.Handle;

    public string Name => inner.Name;

    public int AddBrokers(string brokers) => inner.AddBrokers(brokers);

    public void SetSaslCredentials(string username, string password) => inner.SetSaslCredentials(username, password);

    public Task<DeliveryResult<TKey, TValue>> ProduceAsync(string topic, Message<TKey, TValue> message, CancellationToken cancellationToken = default) =>
        inner.ProduceAsync(topic, message, cancellationToken);

    public Task<DeliveryResult<TKey, TValue>> ProduceAsync(TopicPartition topicPartition, Message<TKey, TValue> message, CancellationToken cancellationToken = default) =>
        inner.ProduceAsync(topicPartition, message, cancellationToken);

    public void Produce(string topic, Message<TKey, TValue> message, Action<DeliveryReport<TKey, TValue>>? deliveryHandler = null) =>
        inner.Produce(topic, message, deliveryHandler);

    public void Produce(TopicPartition topicPartition, Message<TKey, TValue> message, Action<DeliveryReport<TKey, TValue>>? deliveryHandler = null) =>
        inner.Produce(topicPartition, message, deliveryHandler);

    public int Poll(TimeSpan timeout) => inner.Poll(timeout);

    public int Flush(TimeSpan timeout) => inner.Flush(timeout);

    public void Flush(CancellationToken cancellationToken = default) => inner.Flush(cancellationToken);

    public void InitTransactions(TimeSpan timeout) => inner.InitTransactions(timeout);

    public void BeginTransaction() => inner.BeginTransaction();

    public void CommitTransaction(TimeSpan timeout) => inner.CommitTransaction(timeout);

    public void CommitTransaction() => inner.CommitTransaction();

    public void AbortTransaction(TimeSpan timeout) => inner.AbortTransaction(timeout);

    public void AbortTransaction() => inner.AbortTransaction();

    public void SendOffsetsToTransaction(IEnumerable<TopicPartitionOffset> offsets, IConsumerGroupMetadata groupMetadata, TimeSpan timeout) =>
        inner.SendOffsetsToTransaction(offsets, groupMetadata, timeout);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        var started = Stopwatch.GetTimestamp();
        var left = inner.Flush(flushBudget);
        if (left > 0)
        {
            // Their senders got no acknowledgement (the gateway answered 503, the worker stored no offset), so nothing
            // acknowledged is lost: they are retried by whoever sent them.
            KafkaLog.FlushIncomplete(logger, inner.Name, left, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        inner.Dispose();
    }
}
