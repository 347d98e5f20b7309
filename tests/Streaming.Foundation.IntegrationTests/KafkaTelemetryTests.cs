using System.Collections.Concurrent;
using System.Diagnostics;
using Confluent.Kafka;
using OpenTelemetry;
using OpenTelemetry.Context.Propagation;
using Streaming.Messaging;

namespace Streaming.Foundation.IntegrationTests;

/// <summary>The per-record traces a batch consumer leaves behind (<see cref="KafkaTelemetry.TraceRecords"/>).</summary>
[Collection(FoundationCollection.Name)]
public sealed class KafkaTelemetryTests : IDisposable
{
    private const string PhaseSourceName = "Streaming.Foundation.Tests.Phases";
    private static readonly ActivitySource Phases = new(PhaseSourceName);
    private readonly ConcurrentBag<Activity> _stopped = [];
    private readonly ActivityListener _listener;

    public KafkaTelemetryTests()
    {
        // What the OpenTelemetry SDK installs in every service: W3C trace context in the headers.
        Sdk.SetDefaultTextMapPropagator(new CompositeTextMapPropagator([new TraceContextPropagator(), new BaggagePropagator()]));
        _listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == KafkaTelemetry.ActivitySourceName || s.Name == PhaseSourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Add,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    [Fact]
    public void TraceRecords_TracedRecords_ProcessSpanUnderEachPublishSpanWithTheRedisPhasesBelow()
    {
        var topic = "telemetry-" + Guid.NewGuid().ToString("N")[..8];
        var (first, firstContext) = Record(topic, 0, 10);
        var (second, secondContext) = Record(topic, 1, 20);
        var untraced = new ConsumeResult<string, string> { Topic = topic, Partition = 0, Offset = 11, Message = new Message<string, string> { Key = "u3", Value = "{}", Headers = [] } };
        var batch = new[] { first, untraced, second };

        Activity? batchSpan;
        Activity? phase;
        using (batchSpan = KafkaTelemetry.StartProcessBatch(topic, batch))
        {
            using (phase = Phases.StartActivity("taste-store write", ActivityKind.Client))
            {
                phase!.SetTag("db.system.name", "redis");
            }
            KafkaTelemetry.TraceRecords(batchSpan, batch, [phase], "group-1");
        }

        var processes = _stopped.Where(a => a.DisplayName == $"{topic} process" && a.Kind == ActivityKind.Consumer && a != batchSpan).ToArray();
        Assert.Equal(2, processes.Length);
        foreach (var (context, partition) in new[] { (firstContext, "0"), (secondContext, "1") })
        {
            var process = Assert.Single(processes, p => p.ParentSpanId == context.SpanId);
            Assert.Equal(context.TraceId, process.TraceId);
            Assert.Equal(partition, process.GetTagItem("messaging.destination.partition.id"));
            Assert.Equal("group-1", process.GetTagItem("messaging.consumer.group.name"));
            Assert.Contains(process.Links, l => l.Context.SpanId == batchSpan!.SpanId);
            var copy = Assert.Single(_stopped, a => a.ParentSpanId == process.SpanId);
            Assert.Equal("taste-store write", copy.DisplayName);
            Assert.Equal(context.TraceId, copy.TraceId);
            Assert.Equal(phase!.StartTimeUtc, copy.StartTimeUtc);
            Assert.Equal(phase.Duration, copy.Duration);
            Assert.Equal("redis", copy.GetTagItem("db.system.name"));
        }
    }

    public void Dispose() => _listener.Dispose();

    private static (ConsumeResult<string, string> Result, ActivityContext Published) Record(string topic, int partition, long offset)
    {
        // Each record comes from its own request: a trace of its own.
        var previous = Activity.Current;
        Activity.Current = null;
        try
        {
            var headers = new Headers();
            using var publish = KafkaTelemetry.StartPublish(topic, "u" + offset, headers);
            Assert.NotNull(publish);
            var result = new ConsumeResult<string, string>
            {
                Topic = topic,
                Partition = partition,
                Offset = offset,
                Message = new Message<string, string> { Key = "u" + offset, Value = "{}", Headers = headers },
            };
            return (result, publish.Context);
        }
        finally
        {
            Activity.Current = previous;
        }
    }
}
