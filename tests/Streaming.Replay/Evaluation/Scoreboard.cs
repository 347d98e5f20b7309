using Streaming.Replay.Metrics;

namespace Streaming.Replay.Evaluation;

/// <summary>HitRate/MRR per model over the same targets, plus every target's ranks for charts. Thread-safe.</summary>
public sealed class Scoreboard
{
    private readonly RankingMetrics[] _metrics;
    private readonly List<TargetRecord> _records = [];
    private readonly Lock _lock = new();

    public Scoreboard(IReadOnlyList<string> modelNames)
    {
        ModelNames = modelNames;
        _metrics = modelNames.Select(_ => new RankingMetrics()).ToArray();
    }

    public IReadOnlyList<string> ModelNames { get; }

    public int Targets
    {
        get
        {
            lock (_lock)
            {
                return _records.Count;
            }
        }
    }

    public void Add(TargetRecord record)
    {
        if (record.Ranks.Length != _metrics.Length)
        {
            throw new ArgumentException($"Expected {_metrics.Length} ranks, got {record.Ranks.Length}.", nameof(record));
        }
        lock (_lock)
        {
            _records.Add(record);
            for (var m = 0; m < _metrics.Length; m++)
            {
                _metrics[m].Add(record.Ranks[m]);
            }
        }
    }

    public IReadOnlyList<ModelScore> Scores()
    {
        lock (_lock)
        {
            return ModelNames.Select((name, m) => new ModelScore(name, _metrics[m].Targets, _metrics[m].Hits, _metrics[m].HitRate, _metrics[m].Mrr)).ToArray();
        }
    }

    /// <summary>Records in target order (global event order).</summary>
    public IReadOnlyList<TargetRecord> Records()
    {
        lock (_lock)
        {
            return _records.OrderBy(r => r.GlobalIndex).ToArray();
        }
    }

    /// <summary>HitRate@10 and MRR@10 per model within groups of targets (e.g. by strategy); groups without a key are left out.</summary>
    public IReadOnlyList<GroupScore> Breakdown(Func<TargetRecord, string?> key)
    {
        return Records()
            .Where(r => key(r) is not null)
            .GroupBy(r => key(r)!, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .Select(g => new GroupScore(
                g.Key,
                g.Count(),
                Enumerable.Range(0, ModelNames.Count).Select(m => (double)g.Count(r => r.Ranks[m] > 0) / g.Count()).ToArray(),
                Enumerable.Range(0, ModelNames.Count).Select(m => g.Sum(r => r.Ranks[m] > 0 ? 1.0 / r.Ranks[m] : 0) / g.Count()).ToArray()))
            .ToArray();
    }

    /// <summary>
    /// HitRate per run of consecutive targets (global order), about <paramref name="bucketSize"/> each: the
    /// targets are split into <c>max(1, n / bucketSize)</c> equal runs, so no short last run. x = targets so far.
    /// </summary>
    public IReadOnlyList<HitRatePoint> HitRateOverTime(int bucketSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bucketSize, 1);
        var records = Records();
        var buckets = Math.Max(1, records.Count / bucketSize);
        var points = new List<HitRatePoint>(buckets);
        for (var b = 0; b < buckets && records.Count > 0; b++)
        {
            var start = (int)((long)b * records.Count / buckets);
            var end = (int)((long)(b + 1) * records.Count / buckets);
            var bucket = records.Skip(start).Take(end - start).ToArray();
            var rates = Enumerable.Range(0, ModelNames.Count)
                .Select(m => (double)bucket.Count(r => r.Ranks[m] > 0) / bucket.Length)
                .ToArray();
            points.Add(new HitRatePoint(end, bucket[^1].OccurredAt, rates));
        }
        return points;
    }
}

public sealed record GroupScore(string Group, int Targets, double[] HitRates, double[] Mrrs);

public sealed record ModelScore(string Model, int Targets, int Hits, double HitRate, double Mrr);

/// <param name="TargetsSoFar">Targets up to and including this bucket.</param>
/// <param name="HitRates">Per model, the bucket's HitRate@10.</param>
public sealed record HitRatePoint(int TargetsSoFar, DateTimeOffset LastEventTime, double[] HitRates);
