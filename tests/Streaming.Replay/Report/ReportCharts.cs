using ScottPlot;
using Streaming.Replay.Evaluation;
using Streaming.Replay.Metrics;

namespace Streaming.Replay.Report;

/// <summary>The report's PNG charts, drawn with ScottPlot. Each method returns the file name it wrote, or null when there was no data.</summary>
public static class ReportCharts
{
    private const int Width = 1000;
    private const int Height = 520;

    /// <summary>Latency distributions (share of requests per bin), outliers past the 99.5th percentile cut.</summary>
    public static string? Latency(string folder, IReadOnlyDictionary<string, IReadOnlyList<TimedSample>> series)
    {
        var nonEmpty = series.Where(s => s.Value.Count > 0).ToArray();
        if (nonEmpty.Length == 0)
        {
            return null;
        }
        using var plot = new Plot();
        var all = nonEmpty.SelectMany(s => s.Value.Select(v => v.Value)).Order().ToArray();
        var max = Math.Max(1, Percentiles.Of(all, 99.5) * 1.05);
        foreach (var (name, samples) in nonEmpty)
        {
            var values = samples.Select(s => s.Value).ToArray();
            var histogram = ScottPlot.Statistics.Histogram.WithBinCount(60, 0, max);
            histogram.AddRange(values);
            var line = plot.Add.ScatterLine(histogram.Bins, histogram.GetProbability(100));
            line.LegendText = $"{name} (p50 {MarkdownReport.Ms(Percentiles.Of(values.Order().ToArray(), 50))}, p99 {MarkdownReport.Ms(Percentiles.Of(values.Order().ToArray(), 99))})";
            line.LineWidth = 2;
            line.MarkerSize = 0;
        }
        plot.Title("Request latency distribution");
        plot.XLabel("milliseconds");
        plot.YLabel("% of requests per bin");
        plot.ShowLegend(Alignment.UpperRight);
        return Save(plot, folder, "latency.png");
    }

    /// <summary>HitRate@10 per bucket of consecutive targets (global order), one line per model.</summary>
    public static string? HitRateOverTime(string folder, Scoreboard board)
    {
        if (board.Targets == 0)
        {
            return null;
        }
        var bucket = Math.Max(50, board.Targets / 40);
        var points = board.HitRateOverTime(bucket);
        using var plot = new Plot();
        var xs = points.Select(p => (double)p.TargetsSoFar).ToArray();
        for (var m = 0; m < board.ModelNames.Count; m++)
        {
            var line = plot.Add.ScatterLine(xs, points.Select(p => p.HitRates[m]).ToArray());
            line.LegendText = board.ModelNames[m];
            line.LineWidth = 2;
            line.MarkerSize = 4;
        }
        plot.Title($"HitRate@10 over the replay (runs of about {bucket} targets, global time order)");
        plot.XLabel("scored targets so far");
        plot.YLabel("HitRate@10 in the bucket");
        plot.Axes.SetLimitsY(0, Math.Max(0.05, points.Max(p => p.HitRates.Max()) * 1.15));
        plot.ShowLegend(Alignment.UpperLeft);
        return Save(plot, folder, "hit-rate.png");
    }

    /// <summary>Freshness of each probe over wall time, with its running median.</summary>
    public static string? Freshness(string folder, IReadOnlyList<TimedSample> samples)
    {
        if (samples.Count == 0)
        {
            return null;
        }
        using var plot = new Plot();
        var xs = samples.Select(s => s.AtSeconds).ToArray();
        var ys = samples.Select(s => s.Value).ToArray();
        var points = plot.Add.ScatterPoints(xs, ys);
        points.LegendText = "probe: post to reflecting answer";
        points.MarkerSize = 5;
        var median = new double[ys.Length];
        for (var i = 0; i < ys.Length; i++)
        {
            median[i] = Percentiles.Of(ys[Math.Max(0, i - 19)..(i + 1)].Order().ToArray(), 50);
        }
        var line = plot.Add.ScatterLine(xs, median);
        line.LegendText = "running median (20 probes)";
        line.LineWidth = 2;
        line.MarkerSize = 0;
        plot.Title("End-to-end freshness (gateway -> Kafka -> taste worker -> Redis -> recommender)");
        plot.XLabel("seconds since the replay started");
        plot.YLabel("milliseconds");
        plot.Axes.SetLimitsY(0, Math.Max(1, Percentiles.Of(ys.Order().ToArray(), 99) * 1.2));
        plot.ShowLegend(Alignment.UpperRight);
        return Save(plot, folder, "freshness.png");
    }

    private static string Save(Plot plot, string folder, string name)
    {
        plot.SavePng(Path.Combine(folder, name), Width, Height);
        return name;
    }
}
