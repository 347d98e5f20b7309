using Streaming.Replay.Evaluation;
using Streaming.Replay.Metrics;
using Streaming.Replay.Report;

namespace Streaming.Replay.Tests;

public sealed class ReportTests
{
    private static readonly ModelScore[] Scores =
    [
        new("system", 100, 30, 0.30, 0.20),
        new("popularity", 100, 2, 0.02, 0.01),
        new("session-kNN", 100, 27, 0.27, 0.17),
    ];

    private static ReplayReport Live() => new()
    {
        Mode = "live",
        Command = "dotnet run --project tests/Streaming.Replay -- live",
        GeneratedAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
        Source = "synthetic",
        SourceDescription = "test world",
        Users = 3,
        Events = 60,
        Scores = Scores,
        EventsPosted = 60,
        Freshness = Percentiles.Summarize([10, 20, 30]),
        GatewayLatency = Percentiles.Summarize([1.5, 2.5]),
        RecommenderLatency = Percentiles.Summarize([3.0]),
        ApplyWait = Percentiles.Summarize([]),
        EventsPerSecond = 1234,
        Seconds = 12.5,
    };

    [Fact]
    public void Render_Live_SummaryTableHasEveryRequiredFigure()
    {
        var md = MarkdownReport.Render(Live(), Verdict.Of(Scores, "system"));

        Assert.Contains("| scored targets | 100 |", md);
        Assert.Contains("| system: HitRate@10 / MRR@10 | **0.3000** / **0.2000** |", md);
        Assert.Contains("| session-kNN: HitRate@10 / MRR@10 | **0.2700** / **0.1700** |", md);
        Assert.Contains("| freshness p50 / p99 (probe post to reflecting answer) | 20 ms / 30 ms |", md);
        Assert.Contains("| gateway latency p50 / p99 (POST /v1/events) | 1.50 ms / 2.50 ms |", md);
        Assert.Contains("| events/s (accepted events / replay wall time) | 1,234 |", md);
        Assert.Contains("The system beats both baselines", md);
    }

    [Fact]
    public void Of_SystemBelowKnn_SaysWhichBaselineAndFigures()
    {
        ModelScore[] scores = [new("system", 10, 1, 0.10, 0.05), .. Scores.Skip(1)];

        var verdict = Verdict.Of(scores, "system");

        Assert.Equal("The system does not beat session-kNN (HitRate@10 0.2700, MRR@10 0.1700): it scores HitRate@10 0.1000, MRR@10 0.0500.", verdict);
    }

    [Fact]
    public void Of_OfflineWithoutSystem_Null() => Assert.Null(Verdict.Of(Scores.Skip(1).ToArray(), "system"));

    [Fact]
    public void Write_LiveReport_MarkdownJsonAndPngCharts()
    {
        var folder = TestData.TempFolder();
        try
        {
            var board = new Scoreboard(["system", "popularity"]);
            for (var i = 0; i < 200; i++)
            {
                board.Add(new TargetRecord(i, "u", TestData.T0.AddMinutes(i), i, [i % 3 == 0 ? 1 : 0, i % 7 == 0 ? 2 : 0]));
            }
            TimedSample[] latency = [.. Enumerable.Range(0, 100).Select(i => new TimedSample(i, 1 + i % 17))];
            string?[] charts =
            [
                ReportCharts.Latency(folder, new Dictionary<string, IReadOnlyList<TimedSample>> { ["gateway"] = latency, ["recommender"] = [] }),
                ReportCharts.HitRateOverTime(folder, board),
                ReportCharts.Freshness(folder, latency),
            ];

            var summary = ReportWriter.Write(folder, Live() with { Charts = charts.OfType<string>().ToArray() }, null);

            Assert.Equal(["latency.png", "hit-rate.png", "freshness.png"], charts.OfType<string>());
            foreach (var chart in charts)
            {
                var bytes = File.ReadAllBytes(Path.Combine(folder, chart!));
                Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
            }
            Assert.Contains("![hit-rate](hit-rate.png)", File.ReadAllText(summary));
            Assert.Contains("\"scores\"", File.ReadAllText(Path.Combine(folder, "summary.json")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Latency_NoSamples_NoChart()
    {
        var folder = TestData.TempFolder();
        try
        {
            Assert.Null(ReportCharts.Latency(folder, new Dictionary<string, IReadOnlyList<TimedSample>> { ["gateway"] = [] }));
            Assert.Null(ReportCharts.Freshness(folder, []));
            Assert.Null(ReportCharts.HitRateOverTime(folder, new Scoreboard(["m"])));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
