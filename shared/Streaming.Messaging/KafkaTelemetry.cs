using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using OpenTelemetry;
using OpenTelemetry.Context.Propagation;

namespace Streaming.Messaging;

/// <summary>
/// Spans for Kafka with W3C trace context in message headers: <c>"{topic} publish"</c> (Producer) on the
/// way in, <c>"{topic} process"</c> (Consumer, child of the producer's span) on the way out, so one trace
/// runs gateway -> Kafka -> worker -> Redis.
/// </summary>
public static class KafkaTelemetry
{
    public const string ActivitySourceName = "Streaming.Messaging.Kafka";
    public static readonly ActivitySource Source = new(ActivitySourceName);
    private static TextMapPropagator Propagator => Propagators.DefaultTextMapPropagator;

    /// <summary>Starts the publish span and writes its context into <paramref name="headers"/>.</summary>
    public static Activity? StartPublish(string topic, string key, Headers headers)
    {
        var activity = Source.StartActivity($"{topic} publish", ActivityKind.Producer);
        if (activity is not null)
        {
            activity.SetTag("messaging.system", "kafka");
            activity.SetTag("messaging.operation.type", "send");
            activity.SetTag("messaging.destination.name", topic);
            activity.SetTag("messaging.kafka.message.key", key);
        }
        Inject(activity, headers);
        return activity;
    }

    /// <summary>Writes the current (or given) context into headers; no-op when there is none.</summary>
    public static void Inject(Activity? activity, Headers headers)
    {
        var context = activity?.Context ?? Activity.Current?.Context ?? default;
        if (context == default)
        {
            return;
        }
        Propagator.Inject(new PropagationContext(context, Baggage.Current), headers,
            static (h, name, value) => { h.Remove(name); h.Add(name, Encoding.UTF8.GetBytes(value)); });
    }

    /// <summary>Reads the producer's context from headers (default when absent).</summary>
    public static ActivityContext Extract(Headers? headers)
    {
        if (headers is null)
        {
            return default;
        }
        var parent = Propagator.Extract(default, headers, static (h, name) =>
            h.TryGetLastBytes(name, out var bytes) ? [Encoding.UTF8.GetString(bytes)] : []);
        return parent.ActivityContext;
    }

    /// <summary>Starts the process span of one record as a child of its producer's span.</summary>
    public static Activity? StartProcess<TKey, TValue>(ConsumeResult<TKey, TValue> result, string? consumerGroup = null)
    {
        var activity = Source.StartActivity($"{result.Topic} process", ActivityKind.Consumer, Extract(result.Message.Headers));
        if (activity is not null)
        {
            SetRecordTags(activity, result, consumerGroup);
        }
        return activity;
    }

    /// <summary>Starts one process span for a batch, linked to every record's producer span.</summary>
    public static Activity? StartProcessBatch<TKey, TValue>(string topic, IReadOnlyList<ConsumeResult<TKey, TValue>> batch, string? consumerGroup = null)
    {
        var links = new List<ActivityLink>(batch.Count);
        foreach (var r in batch)
        {
            var ctx = Extract(r.Message.Headers);
            if (ctx != default)
            {
                links.Add(new ActivityLink(ctx));
            }
        }
        var activity = Source.StartActivity($"{topic} process", ActivityKind.Consumer, parentContext: default, links: links);
        if (activity is not null)
        {
            SetConsumeTags(activity, topic, consumerGroup);
            activity.SetTag("messaging.batch.message_count", batch.Count);
        }
        return activity;
    }

    /// <summary>
    /// After a batch is durable: for each record whose producer span is traced, a <c>"{topic} process"</c> span
    /// that is that span's child, from the batch span's start until now and linked to it, with copies of the
    /// batch's finished <paramref name="phases"/> (the Redis reads and writes the record took part in) under it.
    /// The batch span joins many traces by links only; these make each trace run gateway -> Kafka -> worker -> Redis.
    /// </summary>
    public static void TraceRecords<TKey, TValue>(
        Activity? batchSpan, IReadOnlyList<ConsumeResult<TKey, TValue>> batch, IReadOnlyList<Activity> phases, string? consumerGroup = null)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(phases);
        if (!Source.HasListeners())
        {
            return;
        }
        var start = batchSpan?.StartTimeUtc ?? DateTime.UtcNow;
        ActivityLink[]? links = batchSpan is null ? null : [new ActivityLink(batchSpan.Context)];
        foreach (var result in batch)
        {
            var parent = Extract(result.Message.Headers);
            if (parent == default)
            {
                continue;
            }
            using var process = Source.StartActivity(
                ActivityKind.Consumer, parent, tags: null, links: links, startTime: start, name: $"{result.Topic} process");
            if (process is null)
            {
                continue;
            }
            SetRecordTags(process, result, consumerGroup);
            foreach (var phase in phases)
            {
                using var copy = Source.StartActivity(phase.Kind, process.Context, phase.TagObjects, startTime: phase.StartTimeUtc, name: phase.DisplayName);
                copy?.SetTag("streaming.batch.shared", true);
                copy?.SetEndTime(phase.StartTimeUtc + phase.Duration);
            }
        }
    }

    private static void SetRecordTags<TKey, TValue>(Activity activity, ConsumeResult<TKey, TValue> result, string? consumerGroup)
    {
        SetConsumeTags(activity, result.Topic, consumerGroup);
        activity.SetTag("messaging.destination.partition.id", result.Partition.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        activity.SetTag("messaging.kafka.offset", result.Offset.Value);
    }

    private static void SetConsumeTags(Activity activity, string topic, string? consumerGroup)
    {
        activity.SetTag("messaging.system", "kafka");
        activity.SetTag("messaging.operation.type", "process");
        activity.SetTag("messaging.destination.name", topic);
        if (consumerGroup is not null)
        {
            activity.SetTag("messaging.consumer.group.name", consumerGroup);
        }
    }
}
