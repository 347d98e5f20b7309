using System.Globalization;
using Streaming.Replay.Report;

namespace Streaming.Replay.Cli;

/// <summary>The closing lines a run prints: the quality table, speed and the verdict.</summary>
public static class ConsoleSummary
{
    public static void Print(ReplayReport report, string? verdict)
    {
        var inv = CultureInfo.InvariantCulture;
        var o = Console.Out;
        o.WriteLine();
        o.WriteLine(string.Create(inv, $"{report.Source}: {report.Users} users, {report.Events:N0} events, {report.Targets:N0} scored targets{(report.Partial ? " (partial)" : "")}"));
        o.WriteLine("model          HitRate@10  MRR@10");
        foreach (var s in report.Scores)
        {
            o.WriteLine(string.Create(inv, $"{s.Model,-14} {s.HitRate,10:F4}  {s.Mrr:F4}"));
        }
        if (report.Mode == "live")
        {
            o.WriteLine($"freshness p50/p99 {Pair(report.Freshness)}; gateway p50/p99 {Pair(report.GatewayLatency)}; recommender p50/p99 {Pair(report.RecommenderLatency)}; " +
                        string.Create(inv, $"{report.EventsPerSecond ?? 0:N0} events/s; stale answers {report.StaleAnswers:N0}"));
        }
        if (verdict is not null)
        {
            o.WriteLine(verdict);
        }
    }

    private static string Pair(Metrics.LatencySummary? s) =>
        s is null || s.Count == 0 ? "n/a" : $"{MarkdownReport.Ms(s.P50)}/{MarkdownReport.Ms(s.P99)}";
}
