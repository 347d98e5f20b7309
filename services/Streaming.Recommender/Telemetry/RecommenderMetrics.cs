using System.Diagnostics;
using System.Diagnostics.Metrics;
using Streaming.Recommender.Index;

namespace Streaming.Recommender.Telemetry;

/// <summary>
/// <c>streaming.recommender.*</c> (names as in deploy/observability/metrics-contract.md): request latency by endpoint and strategy, degraded answers by reason,
/// the index in use (catalog version, kind, recall@10), and the age of the cached trending list.
/// </summary>
public sealed class RecommenderMetrics
{
    private static readonly double[] LatencyBuckets =
        [0.00025, 0.0005, 0.001, 0.002, 0.003, 0.005, 0.0075, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

    private readonly Histogram<double> _duration;
    private readonly Counter<long> _degraded;
    private readonly Counter<long> _indexBuilds;
    private readonly Counter<long> _ranked;
    private readonly Histogram<int> _candidates;
    private readonly Histogram<double> _ranking;
    private TrackIndex? _index;
    private long _trendingRefreshedTicks;

    public RecommenderMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(RecommenderTelemetry.Name);
        _duration = meter.CreateHistogram(
            "streaming.recommender.request.duration", unit: "s",
            description: "Time to answer a recommendation request (Redis reads, retrieval, ranking), by endpoint, strategy and degraded.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        _degraded = meter.CreateCounter<long>(
            "streaming.recommender.degraded", unit: "{answer}",
            description: "Answers served degraded (cached trending list: Redis timeout, open circuit, connection or other error; no index yet), by reason.");
        _ranked = meter.CreateCounter<long>(
            "streaming.recommender.ranked", unit: "{answer}",
            description: "Answers ordered by a ranker, by ranker (learned:<model version> or blend).");
        _candidates = meter.CreateHistogram(
            "streaming.recommender.candidates", unit: "{track}",
            description: "Candidates in the pool the ranker ordered (union of the candidate sources), per answer.",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [10, 25, 50, 100, 150, 200, 300, 500, 1000] });
        _ranking = meter.CreateHistogram(
            "streaming.recommender.ranking.duration", unit: "s",
            description: "Time of the ranking stage of next (features, the ranker, order), by ranker.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.00001, 0.00003, 0.0001, 0.0003, 0.001, 0.003, 0.01] });
        _indexBuilds = meter.CreateCounter<long>(
            "streaming.recommender.index.builds", unit: "{build}", description: "Track indexes built and swapped in.");
        meter.CreateObservableGauge("streaming.recommender.index.vectors", ObserveIndex,
            description: "Vectors in the index in use, tagged with its catalog version, space and kind.");
        meter.CreateObservableGauge("streaming.recommender.index.recall_at_10", ObserveRecall,
            description: "Recall@10 of the approximate index against the exact scan, measured after its build.");
        meter.CreateObservableGauge("streaming.recommender.trending.age", ObserveTrendingAge, unit: "s",
            description: "Age of the in-memory trending list (the degraded answer).");
    }

    public void Answered(string endpoint, string strategy, bool degraded, TimeSpan elapsed) =>
        _duration.Record(elapsed.TotalSeconds, new TagList
        {
            { "endpoint", endpoint },
            { "strategy", strategy },
            { "degraded", degraded },
        });

    public void Degraded(string endpoint, string reason) =>
        _degraded.Add(1, new TagList { { "endpoint", endpoint }, { "reason", reason } });

    public void Ranked(string ranker, int candidates, TimeSpan elapsed)
    {
        var tag = new KeyValuePair<string, object?>("ranker", ranker);
        _ranked.Add(1, tag);
        _candidates.Record(candidates);
        _ranking.Record(elapsed.TotalSeconds, tag);
    }

    public void IndexBuilt(TrackIndex index)
    {
        Volatile.Write(ref _index, index);
        _indexBuilds.Add(1, new TagList { { "kind", index.Kind } });
    }

    public void TrendingRefreshed(DateTimeOffset at) => Interlocked.Exchange(ref _trendingRefreshedTicks, at.UtcTicks);

    private IEnumerable<Measurement<int>> ObserveIndex()
    {
        var index = Volatile.Read(ref _index);
        return index is null
            ? []
            : [new Measurement<int>(index.Index.Count, new TagList
            {
                { "catalog.version", index.Version },
                { "catalog.space_id", index.SpaceId },
                { "kind", index.Kind },
            })];
    }

    private IEnumerable<Measurement<double>> ObserveRecall()
    {
        var index = Volatile.Read(ref _index);
        return index?.RecallAt10 is { } recall
            ? [new Measurement<double>(recall, new TagList { { "catalog.version", index.Version } })]
            : [];
    }

    private IEnumerable<Measurement<double>> ObserveTrendingAge()
    {
        var ticks = Interlocked.Read(ref _trendingRefreshedTicks);
        return ticks == 0 ? [] : [new Measurement<double>((DateTimeOffset.UtcNow.UtcTicks - ticks) / (double)TimeSpan.TicksPerSecond)];
    }
}
