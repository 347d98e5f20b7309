using System.Diagnostics;
using Spectre.Console;
using Streaming.Catalog.Core;
using Streaming.Replay.Evaluation;
using Streaming.Replay.Live;
using Streaming.Replay.Metrics;
using Streaming.Replay.Protocol;
using Streaming.Replay.Report;
using Streaming.Replay.Sources;
using Streaming.Security;

namespace Streaming.Replay.Cli;

/// <summary>
/// <c>live</c>: replays the source through the running gateway and recommender, measures quality next to
/// the baselines, freshness and latency, and writes the report folder.
/// </summary>
public static class LiveCommand
{
    public static async Task<int> RunAsync(ArgumentList args, CancellationToken cancellationToken)
    {
        var source = SourceOptions.Parse(args);
        var gatewayUrl = args.String("gateway", Env("GATEWAY_URL") ?? "http://127.0.0.1:5101")!;
        var recommenderUrl = args.String("recommender", Env("RECOMMENDER_URL") ?? "http://127.0.0.1:5102")!;
        var signingKey = args.String("signing-key", Env("Auth__SigningKey"));
        var token = args.String("token");
        var options = new LiveReplayOptions
        {
            Speedup = args.Double("speedup", 0, 0),
            Concurrency = args.Int("concurrency", 8, 1)!.Value,
            BatchSize = Math.Min(500, args.Int("batch", 200, 1)!.Value),
            ApplyTimeout = args.Seconds("apply-timeout", TimeSpan.FromSeconds(10)),
            MaxInFlight = args.Int("max-in-flight", 20_000, 1)!.Value,
            MaxPartitionInFlight = args.Int("max-partition-in-flight", 4_000, 1)!.Value,
            Partitions = args.Int("partitions", KafkaPartitions.DevBrokerPartitions, 1)!.Value,
        };
        var rate = args.Double("rate", 400, 1);
        var probeInterval = args.Seconds("probe-interval", TimeSpan.FromSeconds(0.05));
        var probes = !args.Flag("no-probes");
        var userPrefix = args.String("user-prefix");
        var reportFolder = args.String("report") ?? ReportWriter.DefaultFolder(DateTimeOffset.UtcNow);
        var noProgress = args.Flag("no-progress");
        var dashboard = args.String("dashboard", Env("DASHBOARD_URL"));
        args.ThrowOnUnknown();

        var notes = new List<string>();
        var snapshot = LoadSnapshot(source, notes);
        var trackIds = new CatalogTrackIds(snapshot);
        var dataset = WithUserPrefix(source.Load(trackIds), userPrefix);
        var timeline = ReplayTimeline.Build(dataset);
        var plan = ReplayPlan.Build(timeline, options.BatchSize);
        notes.AddRange(dataset.Notes);
        Console.Out.WriteLine($"replay: {dataset.Source}, {dataset.Users.Count} users, {timeline.Events.Count:N0} events, {plan.Count(s => s.AsksFirst):N0} targets -> {gatewayUrl}, {recommenderUrl}");

        var watch = Stopwatch.StartNew();
        double Clock() => watch.Elapsed.TotalSeconds;
        var (replayToken, probeToken) = Tokens(token, signingKey, notes);
        var gatewayLatency = new SampleRecorder();
        var recommenderLatency = new SampleRecorder();
        var unused = new SampleRecorder();
        using var gatewayHttp = new ServiceHttpClient(new Uri(gatewayUrl), replayToken, rate, gatewayLatency, Clock);
        using var recommenderHttp = new ServiceHttpClient(new Uri(recommenderUrl), replayToken, rate, recommenderLatency, Clock);
        using var probeGatewayHttp = new ServiceHttpClient(new Uri(gatewayUrl), probeToken, 50, unused, Clock);
        // Polls every 2 ms while a probe waits: under the service limit of 500 requests/s of the probe token.
        using var probeRecommenderHttp = new ServiceHttpClient(new Uri(recommenderUrl), probeToken, 450, unused, Clock);
        await ServiceReadiness.WaitAsync([gatewayUrl, recommenderUrl], TimeSpan.FromSeconds(60), cancellationToken);

        var runner = new LiveReplayRunner(timeline, plan, new GatewayHttpClient(gatewayHttp), new RecommenderHttpClient(recommenderHttp),
            trackIds, BaselineEvaluator.Standard(), options, Clock, id => TargetCoverage.Of(snapshot, id));
        var prober = new FreshnessProber(new GatewayHttpClient(probeGatewayHttp), new RecommenderHttpClient(probeRecommenderHttp),
            ProbeTracks(timeline, snapshot), DateTimeOffset.UtcNow.ToString("yyyyMMdd'T'HHmmss", System.Globalization.CultureInfo.InvariantCulture),
            probeInterval, TimeSpan.FromSeconds(30), Clock, TimeProvider.System);

        using var stopSide = new CancellationTokenSource();
        var probeTask = probes ? Task.Run(() => prober.RunAsync(stopSide.Token), CancellationToken.None) : Task.CompletedTask;
        var interactive = !noProgress && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
        var progressTask = LiveProgress.ShowAsync(runner, timeline.Events.Count, interactive, Clock, stopSide.Token);

        LiveReplayOutcome? outcome = null;
        Exception? failure = null;
        try
        {
            outcome = await runner.RunAsync(cancellationToken);
        }
        catch (ReplayFatalException e)
        {
            failure = e;
        }
        finally
        {
            await stopSide.CancelAsync();
            await Task.WhenAll(probeTask, progressTask);
        }

        if (failure is not null)
        {
            notes.Insert(0, $"**The replay stopped early**: {failure.Message}");
        }
        if (!probes)
        {
            notes.Add("freshness probes were off (--no-probes)");
        }
        var seconds = outcome?.Seconds ?? Clock();
        var scores = runner.Board.Scores();
        var report = new ReplayReport
        {
            Mode = "live",
            Command = CommandLine(),
            GeneratedAt = DateTimeOffset.UtcNow,
            Source = dataset.Source,
            SourceDescription = dataset.Description,
            Users = dataset.Users.Count,
            Events = timeline.Events.Count,
            Scores = scores,
            EventsPosted = runner.Counters.EventsPosted,
            EventsRejected = runner.Counters.EventsRejected,
            FirstRejection = runner.Counters.FirstRejection,
            Freshness = probes ? prober.Freshness.Summarize() : null,
            FreshnessTimeouts = probes ? prober.Timeouts : null,
            GatewayLatency = gatewayLatency.Summarize(),
            RecommenderLatency = recommenderLatency.Summarize(),
            ApplyWait = runner.ApplyWaits.Summarize(),
            EventsPerSecond = seconds > 0 ? runner.Counters.EventsPosted / seconds : null,
            Seconds = seconds,
            StaleAnswers = runner.Counters.StaleAnswers,
            DegradedAnswers = runner.Counters.DegradedAnswers,
            LagWaits = runner.Gate?.Waits ?? 0,
            RateLimited = gatewayHttp.RateLimited + recommenderHttp.RateLimited,
            AheadOfPosted = runner.Tracker.AheadOfPosted,
            Partial = failure is not null || outcome?.Cancelled == true,
            Notes = [.. notes, $"concurrency {options.Concurrency} (global-order window), batch {options.BatchSize}, speed-up {(options.Speedup > 0 ? options.Speedup.ToString(System.Globalization.CultureInfo.InvariantCulture) : "max")}, apply timeout {options.ApplyTimeout.TotalSeconds:F0} s, in-flight bound {options.MaxInFlight:N0} (per partition {options.MaxPartitionInFlight:N0} of {options.Partitions}), client rate {rate:F0} requests/s per service"],
            Dashboard = dashboard,
            ByStrategy = runner.Board.Breakdown(r => r.Strategy),
            ByCoverage = runner.Board.Breakdown(r => r.Coverage),
            ByListener = [.. runner.Board.Breakdown(r => r.UserId).OrderBy(g => g.Group, StringComparer.Ordinal)],
        };
        Directory.CreateDirectory(reportFolder);
        var charts = new List<string?>
        {
            ReportCharts.Latency(reportFolder, new Dictionary<string, IReadOnlyList<TimedSample>>
            {
                ["gateway POST /v1/events"] = gatewayLatency.Snapshot(),
                ["recommender GET next"] = recommenderLatency.Snapshot(),
            }),
            ReportCharts.HitRateOverTime(reportFolder, runner.Board),
            probes ? ReportCharts.Freshness(reportFolder, prober.Freshness.Snapshot()) : null,
        };
        report = report with { Charts = charts.OfType<string>().ToArray() };
        var verdict = Verdict.Of(scores, LiveReplayRunner.SystemModel);
        var summary = ReportWriter.Write(reportFolder, report, verdict);

        ConsoleSummary.Print(report, verdict);
        if (runner.Board.Targets > 0)
        {
            Console.Out.WriteLine();
            ScoreTables.PerListener(runner.Board, [LiveReplayRunner.SystemModel, "session-kNN", "popularity"], "session-kNN", Console.Out);
        }
        Console.Out.WriteLine($"Report: {Path.GetFullPath(summary)}");
        if (failure is not null)
        {
            await Console.Error.WriteLineAsync($"replay: {failure.Message}");
            return 1;
        }
        return 0;
    }

    private static string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : null;

    private static string CommandLine() =>
        "dotnet run --project tests/Streaming.Replay -- " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1).Select(a => a.Contains(' ') ? $"\"{a}\"" : a));

    /// <summary>The explicit --catalog, else (for real data) the dev stack's snapshot folder when present.</summary>
    private static CatalogSnapshot? LoadSnapshot(SourceOptions source, List<string> notes)
    {
        if (source.CatalogPath is not null)
        {
            return source.LoadCatalog();
        }
        if (source.Source == "synthetic")
        {
            return null;
        }
        foreach (var candidate in new[] { Env("Catalog__SnapshotDirectory"), Path.Combine(".run", "catalog") })
        {
            if (candidate is not null && Directory.Exists(candidate)
                && Directory.GetFiles(candidate, CatalogSnapshotFiles.Prefix + "*" + CatalogSnapshotFiles.Extension).Length > 0)
            {
                var snapshot = CatalogSnapshotLocator.Load(candidate);
                notes.Add($"catalog snapshot {snapshot.Version} found in {Path.GetFullPath(candidate)} (pass --catalog to choose another)");
                return snapshot;
            }
        }
        notes.Add("**no catalog snapshot** (--catalog): names map to name-derived ids, so tracks the catalog knows by Spotify id are posted under ids it does not know");
        return null;
    }

    private static (string Replay, string Probe) Tokens(string? token, string? signingKey, List<string> notes)
    {
        if (token is not null)
        {
            return (token, token);
        }
        if (signingKey is null)
        {
            signingKey = AuthOptions.DevelopmentSigningKey;
            notes.Add("no --signing-key or Auth__SigningKey: minted tokens with the development key");
        }
        var minter = new TokenMinter(new AuthOptions { SigningKey = signingKey });
        // Two clients, two rate-limit buckets: the probes never queue behind the replay's requests.
        return (minter.CreateServiceToken("replay", TimeSpan.FromHours(24)), minter.CreateServiceToken("replay-probe", TimeSpan.FromHours(24)));
    }

    private static IReadOnlyList<string> ProbeTracks(ReplayTimeline timeline, CatalogSnapshot? snapshot)
    {
        var ids = Enumerable.Range(0, timeline.TrackKeys.Count).Select(timeline.TrackKeys.IdOf)
            .Where(id => snapshot is null || snapshot.IndexOf(id) >= 0)
            .ToArray();
        var random = new Random(5);
        return ids.Length <= 500 ? ids : Enumerable.Range(0, 500).Select(_ => ids[random.Next(ids.Length)]).ToArray();
    }

    private static ReplayDataset WithUserPrefix(ReplayDataset dataset, string? prefix) =>
        string.IsNullOrEmpty(prefix)
            ? dataset
            : dataset with
            {
                Users = dataset.Users
                    .Select(u => new ReplayUser(ReplayIds.UserId(u.UserId, prefix), u.Plays.Select(p => p with { SessionId = ReplayIds.UserId(p.SessionId, prefix) }).ToArray()))
                    .ToArray(),
                Notes = [.. dataset.Notes, $"user ids prefixed with '{prefix}'"],
            };
}
