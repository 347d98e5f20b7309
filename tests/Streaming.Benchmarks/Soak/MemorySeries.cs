namespace Streaming.Benchmarks.Soak;

/// <summary>One process's memory over the soak: samples (minutes since the start, MiB) and the least-squares slope.</summary>
internal sealed class MemorySeries(string name)
{
    private readonly List<(double Minute, double MiB)> _samples = [];

    public string Name { get; } = name;

    public IReadOnlyList<(double Minute, double MiB)> Samples => _samples;

    public void Add(double minute, double? mib)
    {
        if (mib is { } value)
        {
            _samples.Add((minute, value));
        }
    }

    /// <summary>The first sample of each whole minute (minute 0, 1, 2, ...).</summary>
    public IEnumerable<double> ByMinute() =>
        _samples.GroupBy(s => (int)Math.Floor(s.Minute)).OrderBy(g => g.Key).Select(g => g.First().MiB);

    /// <summary>MiB per minute over the samples from <paramref name="fromMinute"/> on (least squares); NaN with fewer than 3.</summary>
    public double SlopeFrom(double fromMinute)
    {
        var window = _samples.Where(s => s.Minute >= fromMinute).ToArray();
        if (window.Length < 3)
        {
            return double.NaN;
        }
        var meanX = window.Average(s => s.Minute);
        var meanY = window.Average(s => s.MiB);
        var sxy = window.Sum(s => (s.Minute - meanX) * (s.MiB - meanY));
        var sxx = window.Sum(s => (s.Minute - meanX) * (s.Minute - meanX));
        return sxx == 0 ? double.NaN : sxy / sxx;
    }
}
