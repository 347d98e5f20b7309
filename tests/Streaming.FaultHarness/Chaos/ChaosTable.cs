using System.Globalization;
using System.Text;

namespace Streaming.FaultHarness.Chaos;

/// <summary>The chaos table as Markdown, one row per fault.</summary>
public static class ChaosTable
{
    public const string Header =
        "| fault | sent | acked (202) | applied | lost | applied twice | recovery s | p99 freshness ms (n) | gateway answers | notes |\n"
        + "|---|---:|---:|---:|---:|---:|---:|---:|---|---|";

    public static string Row(ChaosRow r)
    {
        var c = r.Count;
        var notes = string.Join("; ", [.. r.Notes, .. r.Failures.Select(f => "FAILED: " + f),
            .. r.GivenUp > 0 ? [$"FAILED: {r.GivenUp} batches never acknowledged"] : Array.Empty<string>(),
            .. r.ProbesNeverApplied > 0 ? [$"FAILED: {r.ProbesNeverApplied} probes never applied"] : Array.Empty<string>()]);
        return string.Create(CultureInfo.InvariantCulture,
            $"| {r.Fault} | {c.Sent:N0} | {c.Acknowledged:N0} | {c.Applied:N0} | {c.Lost} | {c.AppliedTwice} | {r.Recovery.TotalSeconds:F1} | {r.FreshnessP99.TotalMilliseconds:F0} ({r.Probes:N0}) | {r.Answers} | {notes.Replace('|', '/')} |");
    }

    public static string Format(IEnumerable<ChaosRow> rows)
    {
        var text = new StringBuilder(Header).Append('\n');
        foreach (var row in rows)
        {
            text.Append(Row(row)).Append('\n');
        }
        return text.ToString();
    }
}
