using System.Diagnostics;
using System.Globalization;
using Streaming.Replay.Evaluation;
using Streaming.Replay.Protocol;
using Streaming.Replay.Sources;

namespace Streaming.Replay.Cli;

/// <summary>
/// <c>offline</c>: the two baselines under the replay protocol with no services, printed in the format of
/// <c>next_track_baselines.py</c> so the two can be compared line by line. For streaming histories it runs
/// twice by default: tracks keyed by exact names (what the script does) and by catalog ids (what the live
/// replay posts, where normalisation may merge a few names).
/// </summary>
public static class OfflineCommand
{
    public static int Run(ArgumentList args, TextWriter output)
    {
        var source = SourceOptions.Parse(args);
        var identity = args.String("identity", "both")!;
        if (identity is not ("names" or "catalog" or "both"))
        {
            throw new UsageException($"--identity must be names, catalog or both, got '{identity}'.");
        }
        var reportFolder = args.String("report");
        args.ThrowOnUnknown();

        var runs = new List<(string Label, ITrackIds Ids)>();
        if (source.Source == "history" && identity is "names" or "both")
        {
            runs.Add(("exact (artist, title) names = next_track_baselines.py", RawNameTrackIds.Instance));
        }
        if (source.Source != "history" || identity is "catalog" or "both")
        {
            var snapshot = source.LoadCatalog();
            runs.Add(("catalog track ids = what the live replay posts", new CatalogTrackIds(snapshot)));
        }

        var summaries = new List<string>();
        foreach (var (label, ids) in runs)
        {
            var clock = Stopwatch.StartNew();
            var dataset = source.Load(ids);
            var timeline = ReplayTimeline.Build(dataset);
            var board = OfflineEvaluation.Run(timeline);
            output.WriteLine($"# {dataset.Source}: {dataset.Users.Count} users, {timeline.Events.Count:N0} plays, {timeline.TrackKeys.Count:N0} tracks; keyed by {label}");
            foreach (var note in dataset.Notes)
            {
                output.WriteLine($"#   {note}");
            }
            output.WriteLine($"targets {board.Targets}");
            foreach (var score in board.Scores())
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{ScriptName(score.Model)}\tHR@10 {score.HitRate:F4}\tMRR@10 {score.Mrr:F4}\t# {score.Hits} hits, HR {score.HitRate:R}, MRR {score.Mrr:R}"));
            }
            output.WriteLine($"# {clock.Elapsed.TotalSeconds:F1} s");
            output.WriteLine();
            summaries.Add(string.Join("; ", board.Scores().Select(sc => string.Create(CultureInfo.InvariantCulture,
                $"{sc.Model} HitRate@10 {sc.HitRate:F4} MRR@10 {sc.Mrr:F4}"))) + $" ({board.Targets:N0} targets, keyed by {label})");

            if (reportFolder is not null && (label, ids) == runs[^1])
            {
                Directory.CreateDirectory(reportFolder);
                var chart = Report.ReportCharts.HitRateOverTime(reportFolder, board);
                var report = new Report.ReplayReport
                {
                    Mode = "offline",
                    Command = "dotnet run --project tests/Streaming.Replay -- offline " + string.Join(' ', Environment.GetCommandLineArgs().Skip(2)),
                    GeneratedAt = DateTimeOffset.UtcNow,
                    Source = dataset.Source,
                    SourceDescription = dataset.Description,
                    Users = dataset.Users.Count,
                    Events = timeline.Events.Count,
                    Scores = board.Scores(),
                    Seconds = clock.Elapsed.TotalSeconds,
                    Notes = [.. dataset.Notes, .. summaries.Take(summaries.Count - 1)],
                    Charts = chart is null ? [] : [chart],
                };
                output.WriteLine($"Report: {Path.GetFullPath(Report.ReportWriter.Write(reportFolder, report, null))}");
            }
        }
        return 0;
    }

    /// <summary>The script's row labels, so outputs diff cleanly.</summary>
    private static string ScriptName(string model) => model switch
    {
        "popularity" => "pop",
        "session-kNN" => "sknn",
        _ => model,
    };
}
