using System.Text.Json;

namespace Streaming.Replay.Report;

/// <summary>Writes a report folder: <c>summary.md</c>, <c>summary.json</c> and the charts already saved there.</summary>
public static class ReportWriter
{
    public const string SummaryFile = "summary.md";

    public static string Write(string folder, ReplayReport report, string? verdict)
    {
        Directory.CreateDirectory(folder);
        var summary = Path.Combine(folder, SummaryFile);
        File.WriteAllText(summary, MarkdownReport.Render(report, verdict));
        File.WriteAllText(Path.Combine(folder, "summary.json"), JsonSerializer.Serialize(report, ReportJsonContext.Default.ReplayReport));
        return summary;
    }

    public static string DefaultFolder(DateTimeOffset now) =>
        Path.Combine("reports", $"replay-{now.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}");
}
