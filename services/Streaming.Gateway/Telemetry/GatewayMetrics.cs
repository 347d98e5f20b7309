using System.Diagnostics.Metrics;

namespace Streaming.Gateway.Telemetry;

/// <summary>
/// Meter <c>Streaming.Gateway</c>: events accepted (durable in Kafka), events rejected by reason (validation
/// reasons, <c>forbidden-user</c>, <c>not-stored</c>), and produce latency per batch (first produce to last
/// acknowledgement).
/// </summary>
public sealed class GatewayMetrics
{
    public const string MeterName = "Streaming.Gateway";

    private readonly Counter<long> _accepted;
    private readonly Counter<long> _rejected;
    private readonly Histogram<double> _produceDuration;

    public GatewayMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _accepted = meter.CreateCounter<long>("streaming.gateway.events.accepted", "{event}", "Events acknowledged by Kafka.");
        _rejected = meter.CreateCounter<long>("streaming.gateway.events.rejected", "{event}", "Events not accepted, by reason.");
        _produceDuration = meter.CreateHistogram("streaming.gateway.produce.duration", "s",
            "Time from the first produce of a batch (or erasure) to the last broker acknowledgement.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
    }

    public void Accepted(int count)
    {
        if (count > 0)
        {
            _accepted.Add(count);
        }
    }

    public void Rejected(string reason, int count = 1)
    {
        if (count > 0)
        {
            _rejected.Add(count, new KeyValuePair<string, object?>("reason", reason));
        }
    }

    public void RecordProduce(TimeSpan elapsed, bool allStored) =>
        _produceDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("outcome", allStored ? "stored" : "failed"));
}
