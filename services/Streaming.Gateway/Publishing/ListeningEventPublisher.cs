using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Options;
using Streaming.Contracts.Events;
using Streaming.Contracts.Wire;
using Streaming.Gateway.Telemetry;
using Streaming.Messaging;

namespace Streaming.Gateway.Publishing;

/// <summary>
/// Produces events and erasures to the listening topic, key = user id. One <c>"{topic} publish"</c> span per
/// batch (OpenTelemetry's batch publish: <c>messaging.batch.message_count</c>) whose W3C context goes into
/// every record's headers, so each event's consumer span joins the request's trace. All records of a batch
/// are in flight at once; the call returns when the broker acknowledged (acks=all) or failed each one, and
/// never later than the producer's message timeout plus a small margin.
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
        var records = new (string Key, byte[] Value)[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            records[i] = (events[i].Event.UserId, ListeningRecordSerializer.Serialize(events[i].Event));
        }
        var delivery = await ProduceAllAsync(records, events.Count == 1 ? events[0].Event.EventId : null);

        List<int>? notStored = null;
        string? firstError = null;
        for (var i = 0; i < events.Count; i++)
        {
            if (delivery.ErrorOf(i) is { } error)
            {
                (notStored ??= []).Add(events[i].Index);
                firstError ??= error;
            }
        }
        if (firstError is not null)
        {
            GatewayLog.ProduceFailed(logger, notStored!.Count, events.Count, _topic, firstError);
        }
        return new PublishOutcome(events.Count - (notStored?.Count ?? 0), notStored ?? (IReadOnlyList<int>)[], firstError);
    }

    /// <summary>Produces one erasure on the user's partition; null when acknowledged, else the error.</summary>
    public async Task<string?> PublishErasureAsync(UserErasure erasure)
    {
        var delivery = await ProduceAllAsync([(erasure.UserId, ListeningRecordSerializer.Serialize(erasure))], erasure.ErasureId);
        var error = delivery.ErrorOf(0);
        if (error is not null)
        {
            GatewayLog.ProduceFailed(logger, 1, 1, _topic, error);
        }
        return error;
    }

    private async Task<BatchDelivery> ProduceAllAsync((string Key, byte[] Value)[] records, string? messageId)
    {
        var started = time.GetTimestamp();
        using var activity = KafkaTelemetry.Source.StartActivity($"{_topic} publish", ActivityKind.Producer);
        if (activity is not null)
        {
            activity.SetTag("messaging.system", "kafka");
            activity.SetTag("messaging.operation.type", "send");
            activity.SetTag("messaging.destination.name", _topic);
            activity.SetTag("messaging.batch.message_count", records.Length);
            if (messageId is not null)
            {
                activity.SetTag("messaging.message.id", messageId);
                activity.SetTag("messaging.kafka.message.key", records[0].Key);
            }
        }
        // The same trace context for every record: formatted once, the header byte arrays shared.
        var context = new Headers();
        KafkaTelemetry.Inject(activity, context);

        var delivery = new BatchDelivery(records.Length);
        for (var i = 0; i < records.Length; i++)
        {
            var headers = new Headers();
            foreach (var header in context)
            {
                headers.Add(header.Key, header.GetValueBytes());
            }
            try
            {
                producer.Produce(_topic, new Message<string, byte[]> { Key = records[i].Key, Value = records[i].Value, Headers = headers }, delivery.HandlerFor(i));
            }
            catch (KafkaException ex)
            {
                // Local_QueueFull and friends: this record never got in; the others still may.
                delivery.Fail(i, $"{ex.Error.Code}: {ex.Error.Reason}");
            }
            catch (ObjectDisposedException)
            {
                delivery.Fail(i, "producer disposed (shutting down)");
            }
        }

        try
        {
            // librdkafka fails every record within message.timeout.ms; the margin only guards against a
            // delivery report that never comes, so a request can never hang.
            await delivery.Completion.WaitAsync(_deadline, time);
        }
        catch (TimeoutException)
        {
            // Records still pending are reported as not acknowledged.
        }
        var allStored = Enumerable.Range(0, records.Length).All(i => delivery.ErrorOf(i) is null);
        activity?.SetStatus(allStored ? ActivityStatusCode.Unset : ActivityStatusCode.Error, allStored ? null : "not all records acknowledged");
        metrics.RecordProduce(time.GetElapsedTime(started), allStored);
        return delivery;
    }
}
