using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Options;
using Streaming.Contracts.Events;
using Streaming.Contracts.Wire;
using Streaming.Gateway.Telemetry;
using Streaming.Messaging;

namespace Streaming.Gateway.Publishing;

/// <summary>
/// Produces events and erasures to the listening topic, key = user id, one <c>"{topic} publish"</c> span per
/// record whose W3C context goes into the headers. All records of a batch are in flight at once; the call
/// returns when the broker acknowledged each (acks=all) or failed it, and never later than the producer's
/// message timeout plus a small margin.
/// </summary>
public sealed class ListeningEventPublisher(
    IProducer<string, byte[]> producer,
    IOptions<GatewayOptions> gateway,
    IOptions<KafkaProducerOptions> producerOptions,
    GatewayMetrics metrics,
    TimeProvider time,
    ILogger<ListeningEventPublisher> logger)
{
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(2);
    private readonly string _topic = gateway.Value.Topic;
    private readonly TimeSpan _deadline = TimeSpan.FromMilliseconds(producerOptions.Value.MessageTimeoutMs) + Margin;

    public string Topic => _topic;

    /// <param name="events">The valid events with their index in the request batch.</param>
    public async Task<PublishOutcome> PublishAsync(IReadOnlyList<(int Index, ListeningEvent Event)> events)
    {
        var started = time.GetTimestamp();
        var deliveries = new Task<string?>[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i].Event;
            deliveries[i] = ProduceAsync(e.UserId, e.EventId, ListeningRecordSerializer.Serialize(e));
        }
        await WaitBoundedAsync(deliveries);

        List<int>? notStored = null;
        string? firstError = null;
        for (var i = 0; i < deliveries.Length; i++)
        {
            var error = deliveries[i].IsCompletedSuccessfully ? deliveries[i].Result : "no acknowledgement within the message timeout";
            if (error is not null)
            {
                (notStored ??= []).Add(events[i].Index);
                firstError ??= error;
            }
        }
        metrics.RecordProduce(time.GetElapsedTime(started), notStored is null);
        if (firstError is not null)
        {
            GatewayLog.ProduceFailed(logger, notStored!.Count, events.Count, _topic, firstError);
        }
        return new PublishOutcome(events.Count - (notStored?.Count ?? 0), notStored ?? (IReadOnlyList<int>)[], firstError);
    }

    /// <summary>Produces one erasure on the user's partition; null when acknowledged, else the error.</summary>
    public async Task<string?> PublishErasureAsync(UserErasure erasure)
    {
        var started = time.GetTimestamp();
        var delivery = ProduceAsync(erasure.UserId, erasure.ErasureId, ListeningRecordSerializer.Serialize(erasure));
        await WaitBoundedAsync([delivery]);
        var error = delivery.IsCompletedSuccessfully ? delivery.Result : "no acknowledgement within the message timeout";
        metrics.RecordProduce(time.GetElapsedTime(started), error is null);
        if (error is not null)
        {
            GatewayLog.ProduceFailed(logger, 1, 1, _topic, error);
        }
        return error;
    }

    /// <summary>Null when the broker acknowledged the record, else why not.</summary>
    private async Task<string?> ProduceAsync(string key, string messageId, byte[] value)
    {
        var headers = new Headers();
        using var activity = KafkaTelemetry.StartPublish(_topic, key, headers);
        activity?.SetTag("messaging.message.id", messageId);
        try
        {
            var result = await producer.ProduceAsync(_topic, new Message<string, byte[]> { Key = key, Value = value, Headers = headers });
            if (result.Status == PersistenceStatus.Persisted)
            {
                return null;
            }
            activity?.SetStatus(ActivityStatusCode.Error, "not persisted");
            return $"delivery status {result.Status}";
        }
        catch (KafkaException ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Error.Code.ToString());
            return $"{ex.Error.Code}: {ex.Error.Reason}";
        }
        catch (ObjectDisposedException)
        {
            // The host is shutting down and disposed the producer.
            activity?.SetStatus(ActivityStatusCode.Error, "producer disposed");
            return "producer disposed";
        }
    }

    /// <summary>
    /// librdkafka fails every record within message.timeout.ms; the margin only guards against a delivery
    /// report that never comes, so a request can never hang.
    /// </summary>
    private async Task WaitBoundedAsync(Task<string?>[] deliveries)
    {
        try
        {
            await Task.WhenAll(deliveries).WaitAsync(_deadline, time);
        }
        catch (TimeoutException)
        {
            // Reported per record by the caller as not acknowledged.
        }
    }
}
