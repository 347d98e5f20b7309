using System.Diagnostics;
using System.Globalization;
using MassTransit;
using Streaming.Catalog.Core;
using Streaming.Catalog.Core.Building;
using Streaming.Catalog.Core.Embeddings;
using Streaming.Catalog.Core.Hosting;
using Streaming.Catalog.Core.Ingestion;
using Streaming.NextTrack.Training;

namespace Streaming.Catalog.Cli;

/// <summary>
/// The build job, in the same deployable as the service:
/// <c>build (--data DIR | --synthetic [--seed N]) --out DIR [--dims 64] [--warmup-fraction 0.7]
/// [--holdout-playlists N] [--version V] [--rebase] [--publish]</c> and
/// <c>publish --out DIR [--version V]</c>. Publishing uses <c>ConnectionStrings__redis</c> and
/// <c>ConnectionStrings__rabbitmq</c> from the environment.
/// </summary>
public static class CatalogCli
{
    private static readonly string[] Verbs = ["build", "publish", "help", "--help"];

    private static readonly HashSet<string> BuildFlags = new(StringComparer.Ordinal) { "--synthetic", "--publish", "--rebase", "--no-ranker" };

    private static readonly HashSet<string> BuildOptions = new(StringComparer.Ordinal)
    {
        "--data", "--seed", "--out", "--dims", "--warmup-fraction", "--holdout-playlists", "--version",
        "--ranker-share", "--train-until", "--ranker-window-days", "--validation-days",
        "--ranker-trees", "--ranker-leaves", "--ranker-learning-rate", "--ranker-min-leaf", "--ranker-max-groups",
    };

    private static readonly HashSet<string> PublishFlags = new(StringComparer.Ordinal);

    private static readonly HashSet<string> PublishOptions = new(StringComparer.Ordinal) { "--out", "--version" };

    public static bool IsCommand(string[] args) => args.Length > 0 && Verbs.Contains(args[0]);

    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        output ??= Console.Out;
        error ??= Console.Error;
        try
        {
            switch (args[0])
            {
                case "build":
                    return await BuildAsync(new CliArguments(args[1..], BuildFlags, BuildOptions), output);
                case "publish":
                    return await PublishAsync(new CliArguments(args[1..], PublishFlags, PublishOptions), output);
                default:
                    output.WriteLine(Usage);
                    return 0;
            }
        }
        catch (Exception e) when (e is ArgumentException or FormatException or IOException or DirectoryNotFoundException)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            return 2;
        }
        catch (RankerTrainingException e)
        {
            await error.WriteLineAsync($"error: {e.Message} (--no-ranker builds without one)");
            return 2;
        }
    }

    public const string Usage = """
        usage:
          build (--data DIR | --synthetic [--seed N]) --out DIR [--dims 64] [--warmup-fraction 0.7]
                [--holdout-playlists 500] [--version V] [--rebase] [--publish]
                [--no-ranker] [--ranker-share 0.3] [--train-until TIME [--ranker-window-days 28] [--validation-days 7]]
                [--ranker-trees 100] [--ranker-leaves 16] [--ranker-learning-rate 0.2] [--ranker-min-leaf 20] [--ranker-max-groups 20000]
          publish --out DIR [--version V]      (default: newest snapshot in DIR)
        env: ConnectionStrings__redis, ConnectionStrings__rabbitmq (for --publish / publish)
        """;

    private static async Task<int> BuildAsync(CliArguments a, TextWriter output)
    {
        var outDir = a.String("--out") ?? throw new ArgumentException("--out DIR is required.");
        var total = Stopwatch.StartNew();
        CatalogSources sources;
        if (a.Has("--synthetic"))
        {
            var (catalog, sessions, playlists) = CatalogSourceLoader.SyntheticWorld(a.Int("--seed", 42));
            sources = CatalogSourceLoader.FromSynthetic(catalog, sessions, playlists);
        }
        else
        {
            var data = a.String("--data") ?? throw new ArgumentException("--data DIR or --synthetic is required.");
            sources = CatalogSourceLoader.FromDataDirectory(data);
        }
        DateTimeOffset? trainUntil = a.String("--train-until") is { } until
            ? DateTimeOffset.Parse(until, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
            : null;
        if (trainUntil is not null && a.Has("--ranker-share"))
        {
            throw new ArgumentException("--ranker-share applies to the warm-up split; with --train-until the window is --ranker-window-days and --validation-days.");
        }
        if (trainUntil is null && (a.Has("--ranker-window-days") || a.Has("--validation-days")))
        {
            throw new ArgumentException("--ranker-window-days and --validation-days need --train-until.");
        }
        if (trainUntil is { } cutOff)
        {
            // The stream form: nothing after the cut-off is read, by the embedding or the ranker.
            sources = sources with
            {
                Histories = sources.Histories.ToDictionary(h => h.Key, h => (IReadOnlyList<ListeningPlay>)h.Value.Where(p => p.At <= cutOff).ToArray(), StringComparer.Ordinal),
            };
        }
        var loadTime = total.Elapsed;
        output.WriteLine($"sources: {sources.Description}");
        output.WriteLine($"  playlists {sources.Playlists.Count}, entries {sources.Playlists.Sum(p => p.Tracks.Count)}, " +
                         $"history users {sources.Histories.Count}, plays {sources.Histories.Values.Sum(h => h.Count)}, audio-feature rows {sources.AudioFeatures.Count} (read in {loadTime.TotalSeconds:0.0} s)");

        var store = new CatalogSnapshotStore(outDir);
        var previousVersion = store.NewestVersion();
        var previous = previousVersion is null || a.Has("--rebase") ? null : store.Load(previousVersion);
        var options = new CatalogBuildOptions
        {
            Embedding = new EmbeddingOptions { Dimensions = a.Int("--dims", 64), Seed = a.Int("--seed", 42) },
            WarmupFraction = a.Double("--warmup-fraction", WarmupSplit.DefaultFraction),
            HoldoutPlaylists = a.Int("--holdout-playlists", a.Has("--synthetic") ? 150 : 500),
            Version = a.String("--version"),
            Previous = previous,
            ForceRebase = a.Has("--rebase"),
            Progress = output.WriteLine,
        };
        var result = CatalogBuilder.Build(sources, options);
        var snapshot = result.Snapshot;
        if (!a.Has("--no-ranker") && sources.Histories.Values.Any(h => h.Count > 0))
        {
            var window = trainUntil is { } cut
                ? RankerWindow.Until(cut, TimeSpan.FromDays(a.Double("--ranker-window-days", 28)), TimeSpan.FromDays(a.Double("--validation-days", 7)))
                : RankerWindow.Fractions(options.WarmupFraction, a.Double("--ranker-share", RankerBuild.DefaultRankerShare));
            var defaults = new RankerTrainingOptions();
            var ranker = defaults with
            {
                MaxGroups = a.Int("--ranker-max-groups", defaults.MaxGroups),
                Trainer = defaults.Trainer with
                {
                    NumberOfTrees = a.Int("--ranker-trees", defaults.Trainer.NumberOfTrees),
                    NumberOfLeaves = a.Int("--ranker-leaves", defaults.Trainer.NumberOfLeaves),
                    LearningRate = a.Double("--ranker-learning-rate", defaults.Trainer.LearningRate),
                    MinimumExampleCountPerLeaf = a.Int("--ranker-min-leaf", defaults.Trainer.MinimumExampleCountPerLeaf),
                    ModelVersion = "next-track-" + snapshot.Version,
                },
            };
            snapshot = RankerBuild.Attach(sources, options, snapshot, window, ranker, output);
        }
        var path = store.Save(snapshot);
        var size = new FileInfo(path).Length;
        total.Stop();

        var r = result.Report;
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine($"version {snapshot.Version}, space {r.SpaceId}{(r.AlignedTo is null ? " (new basis)" : $" (aligned to {r.AlignedTo}, mean cosine {r.AlignmentMeanCosine:0.000})")}");
        output.WriteLine($"tracks {r.Tracks} (aliases {r.Aliases}); vectors: trained {r.TrainedVectors}, artist fallback {r.ArtistFallbackVectors}, content fallback {r.ContentFallbackVectors}, none {r.WithoutVector}; dims {snapshot.Dimensions}");
        output.WriteLine($"training: playlists {r.TrainingPlaylists} (held out {result.HoldoutPids.Count}), sessions {r.TrainingSessions}, warm-up plays {r.WarmupPlays} (scored plays excluded {r.ScoredPlaysExcluded}); history plays matched to catalog tracks {r.HistoryPlaysMatchedToCatalog}/{r.HistoryPlaysTotal}");
        if (r.Holdout is { } h)
        {
            output.WriteLine(string.Create(inv, $"held-out playlists {h.Playlists}: HitRate@10 neighbours {h.NeighbourHitRateAt10:0.000} vs popularity {h.PopularityHitRateAt10:0.000}; Recall@10 neighbours {h.NeighbourRecallAt10:0.000} vs popularity {h.PopularityRecallAt10:0.000} (playlists without a query vector {h.PlaylistsWithoutQueryVector})"));
        }
        output.WriteLine(string.Create(inv, $"build time {total.Elapsed.TotalSeconds:0.0} s (read {loadTime.TotalSeconds:0.0} s, train+evaluate {r.Elapsed.TotalSeconds:0.0} s); snapshot {path} {size / 1048576.0:0.0} MiB ({size} bytes)"));

        if (a.Has("--publish"))
        {
            await PublishVersionAsync(outDir, snapshot.Version, output);
        }
        return 0;
    }

    private static async Task<int> PublishAsync(CliArguments a, TextWriter output)
    {
        var outDir = a.String("--out") ?? throw new ArgumentException("--out DIR is required.");
        var version = a.String("--version") ?? new CatalogSnapshotStore(outDir).NewestVersion()
            ?? throw new ArgumentException($"No snapshot in '{outDir}'.");
        await PublishVersionAsync(outDir, version, output);
        return 0;
    }

    /// <summary>Runs a short-lived host with the same publisher as the service: Redis first, then the announcement.</summary>
    private static async Task PublishVersionAsync(string outDir, string version, TextWriter output)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["Catalog:SnapshotDirectory"] = outDir;
        builder.AddCatalogService();
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var publisher = host.Services.GetRequiredService<CatalogPublisher>();
            var message = await publisher.PublishAsync(version);
            var broker = string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("rabbitmq")) ? "in-memory bus only (no ConnectionStrings__rabbitmq)" : "RabbitMQ";
            var redis = string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("redis")) ? "not recorded (no ConnectionStrings__redis)" : CatalogRedisKeys.Current;
            output.WriteLine($"published {message.Version} (space {message.SpaceId}, {message.TrackCount} tracks) via {broker}; current version {redis}");
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
