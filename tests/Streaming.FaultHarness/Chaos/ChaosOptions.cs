namespace Streaming.FaultHarness.Chaos;

/// <summary>The stream and the timings of a chaos run: <see cref="Full"/> for the table, <see cref="Quick"/> for CI.</summary>
public sealed record ChaosOptions
{
    public required int EventsPerSecond { get; init; }

    public required int BatchSize { get; init; }

    /// <summary>A freshness probe is posted this often.</summary>
    public required TimeSpan ProbeEvery { get; init; }

    /// <summary>The stream runs this long before the fault (the row's own healthy freshness).</summary>
    public required TimeSpan Warmup { get; init; }

    /// <summary>How long the lasting faults last (a third member, Redis down, request errors).</summary>
    public required TimeSpan Hold { get; init; }

    /// <summary>The stream goes on this long after the fault is lifted.</summary>
    public required TimeSpan After { get; init; }

    /// <summary>The longest the lag may take to drain once the stream stopped.</summary>
    public TimeSpan Drain { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The table: ~100 probes/s so each row's p99 rests on over 2,000 probes.</summary>
    public static ChaosOptions Full { get; } = new()
    {
        EventsPerSecond = 400, BatchSize = 20, ProbeEvery = TimeSpan.FromMilliseconds(10),
        Warmup = TimeSpan.FromSeconds(5), Hold = TimeSpan.FromSeconds(5), After = TimeSpan.FromSeconds(22),
    };

    /// <summary>Every fault in under 3 minutes (CI): a lighter stream, shorter holds.</summary>
    public static ChaosOptions Quick { get; } = new()
    {
        EventsPerSecond = 100, BatchSize = 10, ProbeEvery = TimeSpan.FromMilliseconds(40),
        Warmup = TimeSpan.FromSeconds(1), Hold = TimeSpan.FromSeconds(2), After = TimeSpan.FromSeconds(3),
    };
}
