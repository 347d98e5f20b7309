using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Streaming.Gateway.Telemetry;

namespace Streaming.Gateway.Tests.Support;

/// <summary>Collects the measurements of one gateway instance's "Streaming.Gateway" meter (scoped to its meter factory).</summary>
internal sealed class MetricsProbe : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Instrument, double Value, string? Reason)> _measurements = new();

    public MetricsProbe(IMeterFactory scope)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == GatewayMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, scope))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        _listener.Start();
    }

    public double Sum(string instrument, string? reason = null) =>
        _measurements.Where(m => m.Instrument == instrument && (reason is null || m.Reason == reason)).Sum(m => m.Value);

    public int Count(string instrument) => _measurements.Count(m => m.Instrument == instrument);

    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string? reason = null;
        foreach (var tag in tags)
        {
            if (tag.Key == "reason")
            {
                reason = tag.Value as string;
            }
        }
        _measurements.Enqueue((instrument.Name, value, reason));
    }
}
