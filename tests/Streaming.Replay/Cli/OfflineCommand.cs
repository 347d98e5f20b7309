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
