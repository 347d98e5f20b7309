namespace Streaming.Replay.Metrics;

/// <summary>A thread-safe list of timed samples (wall seconds since the run started, value).</summary>
public sealed class SampleRecorder
{
    private readonly List<TimedSample> _samples = [];
    private readonly Lock _lock = new();

    public void Add(double atSeconds, double value)
    {
        lock (_lock)
        {
            _samples.Add(new TimedSample(atSeconds, value));
        }
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _samples.Count;
            }
        }
    }

    public IReadOnlyList<TimedSample> Snapshot()
    {
        lock (_lock)
        {
            return _samples.ToArray();
        }
    }

    public LatencySummary Summarize() => Percentiles.Summarize(Snapshot().Select(s => s.Value));
}

public readonly record struct TimedSample(double AtSeconds, double Value);
