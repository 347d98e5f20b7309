using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Streaming.TasteWorker;

/// <summary>
/// Instruments of the worker (names per deploy/observability/metrics-contract.md): freshness, events applied,
/// dead-lettered, consumer lag, plus duplicates, unknown tracks, space resets, CAS conflicts, state reads and batch shape.
/// </summary>
public sealed class TasteWorkerMetrics : IDisposable
{
    public const string MeterName = "Streaming.TasteWorker";

    private readonly Meter _meter;
    private readonly ConcurrentDictionary<(string Topic, int Partition), long> _lag = new();

    public TasteWorkerMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(MeterName);
        Freshness = _meter.CreateHistogram<double>("streaming.worker.freshness", "s",
            "Kafka record timestamp -> change applied in Redis.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300] });
        EventAge = _meter.CreateHistogram<double>("streaming.worker.event_age", "s",
            "Event time (occurredAt) -> change applied in Redis; includes client buffering.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.1, 0.5, 1, 5, 30, 60, 300, 3600, 86400] });
        EventsApplied = _meter.CreateCounter<long>("streaming.worker.events_applied", "{event}", "Listening events (and erasures) applied to Redis.");
        DeadLettered = _meter.CreateCounter<long>("streaming.worker.dead_lettered", "{record}", "Records written to the dead-letter topic instead of being applied.");
        Duplicates = _meter.CreateCounter<long>("streaming.worker.duplicates_skipped", "{event}", "Events not applied again, by reason: offset (re-delivered at or below the user's watermark) or event_id (a retried event id).");
        UnknownTracks = _meter.CreateCounter<long>("streaming.worker.unknown_tracks", "{event}", "Events whose track has no vector in the catalog: history counted, vectors skipped.");
        SpaceResets = _meter.CreateCounter<long>("streaming.worker.space_resets", "{vector}", "Stored vectors restarted because they lived in another embedding space.");
        Conflicts = _meter.CreateCounter<long>("streaming.worker.cas_conflicts", "{write}", "User writes that lost the compare-and-set (another consumer wrote first) and were recomputed.");
        StateReads = _meter.CreateCounter<long>("streaming.worker.state_reads", "{user}", "User states a batch folded from, by source: cache (kept in process from this worker's last write) or redis (read).");
        BatchSize = _meter.CreateHistogram<int>("streaming.worker.batch_size", "{record}", "Records per applied batch.");
        BatchDuration = _meter.CreateHistogram<double>("streaming.worker.batch_duration", "s", "Time to apply a batch (decode, read, compute, write).");
        PhaseDuration = _meter.CreateHistogram<double>("streaming.worker.phase_duration", "s", "Time per batch phase: decode, read, compute, aggregates, write, dead_letter.");
        BatchFailures = _meter.CreateCounter<long>("streaming.worker.batch_failures", "{batch}", "Batch attempts that failed and were retried.");
        _meter.CreateObservableGauge("streaming.worker.consumer_lag", ObserveLag, "{message}",
            "Messages between the committed offset and the high watermark, per assigned partition.");
    }

    public Histogram<double> Freshness { get; }
    public Histogram<double> EventAge { get; }
    public Counter<long> EventsApplied { get; }
    public Counter<long> DeadLettered { get; }
    public Counter<long> Duplicates { get; }
    public Counter<long> UnknownTracks { get; }
    public Counter<long> SpaceResets { get; }
    public Counter<long> Conflicts { get; }
    public Counter<long> StateReads { get; }
    public Histogram<int> BatchSize { get; }
    public Histogram<double> BatchDuration { get; }
    public Counter<long> BatchFailures { get; }
    public Histogram<double> PhaseDuration { get; }

    public void RecordPhase(string phase, long startedTimestamp) =>
        PhaseDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds, new KeyValuePair<string, object?>("phase", phase));

    public void SetLag(string topic, int partition, long lag) => _lag[(topic, partition)] = lag;

    public void ForgetLag(string topic, int partition) => _lag.TryRemove((topic, partition), out _);

    public IReadOnlyDictionary<(string Topic, int Partition), long> Lag => _lag;

    public void Dispose() => _meter.Dispose();

    private IEnumerable<Measurement<long>> ObserveLag()
    {
        foreach (var ((topic, partition), lag) in _lag)
        {
            yield return new Measurement<long>(lag,
                new KeyValuePair<string, object?>("topic", topic),
                new KeyValuePair<string, object?>("partition", partition.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
    }
}
