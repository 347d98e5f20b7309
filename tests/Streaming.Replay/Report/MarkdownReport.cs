using System.Globalization;
using System.Text;
using Streaming.Replay.Metrics;
using Streaming.Replay.Protocol;

namespace Streaming.Replay.Report;

/// <summary>Renders <c>summary.md</c>: the summary table first, then quality per model, speed, charts, protocol and notes.</summary>
public static class MarkdownReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Render(ReplayReport r, string? verdict)
    {
        var md = new StringBuilder();
        md.AppendLine(Inv, $"# Replay report: {r.Source} ({r.Mode}){(r.Partial ? " (partial: stopped early)" : "")}");
        md.AppendLine();
        md.AppendLine(Inv, $"Generated {r.GeneratedAt:yyyy-MM-dd HH:mm:ss} UTC by `{r.Command}`.");
        md.AppendLine();
        md.AppendLine("## Summary");
        md.AppendLine();
        md.AppendLine("| | |");
        md.AppendLine("|---|---|");
        Row(md, "source", $"{r.Source}: {r.SourceDescription}");
        Row(md, "users", r.Users.ToString("N0", Inv));
        Row(md, "events", r.EventsPosted is { } posted
            ? $"{r.Events:N0} in the timeline, {posted:N0} accepted by the gateway{(r.EventsRejected is > 0 ? $", {r.EventsRejected:N0} rejected" : "")}"
            : $"{r.Events:N0}");
        Row(md, "scored targets", r.Targets.ToString("N0", Inv));
        foreach (var s in r.Scores)
        {
            Row(md, $"{s.Model}: HitRate@10 / MRR@10", $"**{s.HitRate:F4}** / **{s.Mrr:F4}**");
        }
        if (r.Mode == "live")
        {
            Row(md, "freshness p50 / p99 (probe post to reflecting answer)", Pair(r.Freshness) + (r.FreshnessTimeouts is > 0 ? $" ({r.FreshnessTimeouts} probes timed out)" : ""));
            Row(md, "gateway latency p50 / p99 (POST /v1/events)", Pair(r.GatewayLatency));
            Row(md, "recommender latency p50 / p99 (GET next)", Pair(r.RecommenderLatency));
            Row(md, "events/s (accepted events / replay wall time)", r.EventsPerSecond is { } eps ? eps.ToString("N0", Inv) : "n/a");
        }
        Row(md, "wall time", $"{r.Seconds:F1} s");
        md.AppendLine();
        if (verdict is not null)
        {
            md.AppendLine(Inv, $"**Verdict.** {verdict}");
            md.AppendLine();
        }

        md.AppendLine("## Next-track quality");
        md.AppendLine();
        md.AppendLine("| model | targets | hits | HitRate@10 | MRR@10 |");
        md.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var s in r.Scores)
        {
            md.AppendLine(Inv, $"| {s.Model} | {s.Targets:N0} | {s.Hits:N0} | {s.HitRate:F4} | {s.Mrr:F4} |");
        }
        md.AppendLine();

        Breakdown(md, r, "What the system answered with (recommender strategy)", "strategy", r.ByStrategy);
        Breakdown(md, r, "Whether the system could know the target (catalog coverage)", "target track", r.ByCoverage);
        Breakdown(md, r, "Per listener", "listener", r.ByListener);
        if (r.ByListener.Count > 0 && r.Scores.Count > 0 && r.Scores.Select(s => s.Model).ToList().IndexOf("session-kNN") is var knn and > 0)
        {
            var wins = r.ByListener.Count(g => g.HitRates[0] > g.HitRates[knn]);
            md.AppendLine(Inv, $"{r.Scores[0].Model}: HitRate@10 above session-kNN for **{wins} of {r.ByListener.Count}** listeners.");
            md.AppendLine();
        }

        if (r.Mode == "live")
        {
            md.AppendLine("## Speed and freshness");
            md.AppendLine();
            md.AppendLine("| measure | n | p50 | p90 | p99 | max |");
            md.AppendLine("|---|---:|---:|---:|---:|---:|");
            Latency(md, "freshness (probe post to reflecting answer)", r.Freshness);
            Latency(md, "gateway POST /v1/events", r.GatewayLatency);
            Latency(md, "recommender GET next", r.RecommenderLatency);
            Latency(md, "wait for the previous event to be applied (per target)", r.ApplyWait);
            md.AppendLine();
            md.AppendLine(Inv, $"- stale answers (previous event not applied within the timeout, scored as answered): {r.StaleAnswers:N0}");
            md.AppendLine(Inv, $"- degraded answers (recommender fell back to trending): {r.DegradedAnswers:N0}");
            md.AppendLine(Inv, $"- waits for consumer lag (in-flight bound reached): {r.LagWaits:N0}");
            md.AppendLine(Inv, $"- requests answered 429 (rate limited) and retried: {r.RateLimited:N0}");
            if (r.AheadOfPosted is > 0)
            {
                md.AppendLine(Inv, $"- **warning**: {r.AheadOfPosted:N0} answers reported events this run had not posted yet: the system kept state from an earlier run of the same users; replay against a fresh stack (its global play counts and transitions remember earlier runs too)");
            }
            if (r.FirstRejection is not null)
            {
                md.AppendLine(Inv, $"- first rejection by the gateway: {r.FirstRejection}");
            }
            md.AppendLine();
        }

        if (r.Charts.Count > 0)
        {
            md.AppendLine("## Charts");
            md.AppendLine();
            foreach (var chart in r.Charts)
            {
                md.AppendLine(Inv, $"![{Path.GetFileNameWithoutExtension(chart)}]({chart})");
                md.AppendLine();
            }
        }

        md.AppendLine("## Protocol");
        md.AppendLine();
        md.AppendLine(Inv, $"- Per user, the first {ReplayProtocol.WarmupFraction:P0} of plays (by time) warm up (posted, not scored); the rest are scored.");
        md.AppendLine(Inv, $"- A play under {ReplayProtocol.SkipBelowMs / 1000} s is a skip and never a target; a target is also never one of the user's last {ReplayProtocol.RecentWindow} plays (a repeat is not a recommendation), and no model may recommend those {ReplayProtocol.RecentWindow}.");
        md.AppendLine(Inv, $"- HitRate@{ReplayProtocol.ListLength}: share of targets in the first {ReplayProtocol.ListLength}; MRR@{ReplayProtocol.ListLength}: mean of 1/rank (0 when absent).");
        md.AppendLine("- All users' events go through in one global time order; the baselines rank each target from exactly the events before it and learn from each event after it (the same protocol as `../shared/tools/next_track_baselines.py`).");
        md.AppendLine(Inv, $"- popularity: most non-skip plays so far. session-kNN: co-occurrence of non-skipped tracks within a session (ends after {ReplayProtocol.SessionGap.TotalMinutes:F0} min of silence), scored over the last 5 session tracks with weight 1/(w+1), filled with popularity.");
        if (r.Mode == "live")
        {
            md.AppendLine("- Before a target is scored the recommender is polled until its answer reports the user's previous event as applied, so quality is not confused with lag. Freshness probes use dedicated probe users (private plays) that count in no quality metric.");
        }
        md.AppendLine();
        if (r.Notes.Count > 0)
        {
            md.AppendLine("## Notes");
            md.AppendLine();
            foreach (var note in r.Notes)
            {
                md.AppendLine(Inv, $"- {note}");
            }
            md.AppendLine();
        }
        if (r.Dashboard is not null)
        {
            md.AppendLine(Inv, $"Dashboard (traces gateway -> Kafka -> taste worker -> Redis, metrics): {r.Dashboard}");
            md.AppendLine();
        }
        return md.ToString();
    }

    public static string Ms(double value) =>
        double.IsNaN(value) ? "n/a" : value < 10 ? value.ToString("F2", Inv) + " ms" : value.ToString("F0", Inv) + " ms";

    private static string Pair(LatencySummary? s) => s is null || s.Count == 0 ? "n/a" : $"{Ms(s.P50)} / {Ms(s.P99)}";

    private static void Row(StringBuilder md, string name, string value) => md.AppendLine(Inv, $"| {name} | {value} |");

    private static void Breakdown(StringBuilder md, ReplayReport r, string title, string column, IReadOnlyList<Evaluation.GroupScore> groups)
    {
        if (groups.Count == 0)
        {
            return;
        }
        md.AppendLine(Inv, $"### {title}");
        md.AppendLine();
        md.AppendLine(Inv, $"| {column} | targets | {string.Join(" | ", r.Scores.Select(s => $"{s.Model} HR@10 / MRR@10"))} |");
        md.AppendLine(Inv, $"|---|---:|{string.Concat(r.Scores.Select(_ => "---:|"))}");
        foreach (var g in groups)
        {
            md.AppendLine(Inv, $"| {g.Group} | {g.Targets:N0} ({(double)g.Targets / Math.Max(1, r.Targets):P0}) | {string.Join(" | ", g.HitRates.Select((h, m) => $"{h:F4} / {g.Mrrs[m]:F4}"))} |");
        }
        md.AppendLine();
    }

    private static void Latency(StringBuilder md, string name, LatencySummary? s)
    {
        if (s is null)
        {
            return;
        }
        md.AppendLine(Inv, $"| {name} | {s.Count:N0} | {Ms(s.P50)} | {Ms(s.P90)} | {Ms(s.P99)} | {Ms(s.Max)} |");
    }
}
