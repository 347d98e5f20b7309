using System.Diagnostics;
using System.Globalization;
using Streaming.Recommender.Options;
using Streaming.Recommender.Recommendations;
using Streaming.Replay.Cli;
using Streaming.Replay.Evaluation;
using Streaming.Replay.Live;
using Streaming.Replay.Metrics;
using Streaming.Replay.Protocol;
using Streaming.Replay.Sources;

namespace Streaming.Replay.InProcess;

/// <summary>
/// <c>inprocess</c>: the live replay's protocol (steps of one user, strictly in global order, as <c>live --concurrency
/// 1</c>) through the production code in one process: the worker's apply path into a real redis-server and the
/// recommender's answer path, no HTTP, no Kafka. Prints the system and both baselines overall and per listener, and
/// with <c>--ablation</c> the system with each candidate source off in turn and with the ranker off.
/// </summary>
public static class InProcessCommand
{
    public const string SystemModel = "system";

    /// <summary>Trending is re-read this often (events): the service refreshes it every few seconds, which a live replay spends on about this many.</summary>
    public const int TrendingRefreshEvents = 1000;

    public static async Task<int> RunAsync(ArgumentList args, TextWriter output, CancellationToken cancellationToken)
    {
        var source = SourceOptions.Parse(args);
        var redisAddress = args.String("redis");
        var ablation = args.Flag("ablation");
        args.ThrowOnUnknown();

        var result = await EvaluateAsync(source, redisAddress, ablation, cancellationToken);
        output.WriteLine($"# {result.Description}");
        ScoreTables.Overall(result.Board, output);
        output.WriteLine();
        ScoreTables.PerListener(result.Board, [SystemModel, "session-kNN", "popularity"], "session-kNN", output);
        if (ablation)
        {
            output.WriteLine();
            output.WriteLine("ablation (the system with one part off; same targets):");
            var system = result.Board.Scores().Single(s => s.Model == SystemModel);
            foreach (var score in result.Board.Scores().Where(s => s.Model.StartsWith("without ", StringComparison.Ordinal)))
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {score.Model,-30} HR@10 {score.HitRate:F4} ({score.HitRate - system.HitRate:+0.0000;-0.0000})  MRR@10 {score.Mrr:F4} ({score.Mrr - system.Mrr:+0.0000;-0.0000})"));
            }
        }
        output.WriteLine($"# {result.Seconds:F1} s");
        return 0;
    }

    /// <summary>Runs the evaluation and returns its scoreboard (the CI quality gate calls this).</summary>
    public static async Task<InProcessResult> EvaluateAsync(SourceOptions source, string? redisAddress, bool ablation, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var snapshot = source.LoadCatalog() ?? throw new UsageException("inprocess needs --catalog (the snapshot the system serves).");
        var trackIds = new CatalogTrackIds(snapshot);
        var dataset = source.Load(trackIds);
        var timeline = ReplayTimeline.Build(dataset);
        var steps = ReplayPlan.Build(timeline, 200);

        using var localRedis = redisAddress is null ? LocalRedisServer.Start() : null;
        await using var system = await InProcessSystem.StartAsync(snapshot, redisAddress ?? localRedis!.ConnectionString, $"eval:{Guid.NewGuid():N}:");
        var variants = ablation ? Variants(system.Options) : [];
        var recommenders = new List<(string Name, RecommendationService Service)> { (SystemModel, system.Recommender) };
        recommenders.AddRange(variants.Select(v => (v.Name, system.RecommenderWith(v.Options))));

        var baselines = BaselineEvaluator.Standard();
        var board = new Scoreboard([.. recommenders.Select(r => r.Name), .. baselines.Models.Select(m => m.Name)]);
        var sinceRefresh = 0;
        foreach (var step in steps)
        {
            cancellationToken.ThrowIfCancellationRequested();
            EvaluatedEvent? target = null;
            foreach (var e in step.Events)
            {
                var evaluated = baselines.Advance(e);
                if (evaluated.Decision.IsTarget)
                {
                    target = evaluated;
                }
            }
            if (target is not null)
            {
                var e = target.Event;
                var exclude = target.Decision.Exclude.Select(timeline.TrackKeys.IdOf).ToArray();
                var ranks = new int[board.ModelNames.Count];
                for (var r = 0; r < recommenders.Count; r++)
                {
                    var answer = await recommenders[r].Service.NextAsync(system.Index, e.UserId, e.Play.SessionId, ReplayProtocol.ListLength, exclude,
                        ReplayProtocol.AskedAt(e), cancellationToken);
                    if (answer.Degraded)
                    {
                        throw new InvalidOperationException($"An answer degraded during the evaluation (Redis at {redisAddress ?? localRedis!.ConnectionString}).");
                    }
                    var list = answer.Tracks.Select(t => trackIds.Canonical(t.TrackId))
                        .Where(id => timeline.TrackKeys.Find(id) is var key && (key < 0 || !target.Decision.Exclude.Contains(key)))
                        .Distinct(StringComparer.Ordinal)
                        .Take(ReplayProtocol.ListLength)
                        .ToList();
                    ranks[r] = RankingMetrics.RankOf(list, e.TrackId, ReplayProtocol.ListLength);
                }
                target.BaselineRanks.CopyTo(ranks, recommenders.Count);
                board.Add(new TargetRecord(e.GlobalIndex, e.UserId, e.OccurredAt, clock.Elapsed.TotalSeconds, ranks, "in-process", null));
            }
            await system.ApplyAsync(step.Events);
            sinceRefresh += step.Events.Count;
            if (sinceRefresh >= TrendingRefreshEvents)
            {
                await system.RefreshTrendingAsync();
                sinceRefresh = 0;
            }
        }
        var description = string.Create(CultureInfo.InvariantCulture,
            $"{dataset.Source}: {dataset.Users.Count} users, {timeline.Events.Count:N0} plays, {board.Targets:N0} targets; catalog {snapshot.Version}, ranker {system.Index.Ranker.Name}; worker fold and recommender in process over redis-server");
        return new InProcessResult(board, description, clock.Elapsed.TotalSeconds);
    }

    /// <summary>The system with one candidate source off in turn, and with the learned ranker off.</summary>
    private static IReadOnlyList<(string Name, RecommenderOptions Options)> Variants(RecommenderOptions options)
    {
        RecommenderOptions With(Func<Streaming.NextTrack.NextTrackSettings, Streaming.NextTrack.NextTrackSettings> change) => new()
        {
            Ranking = change(options.Ranking),
            UseLearnedRanker = options.UseLearnedRanker,
            RedisTimeout = options.RedisTimeout,
        };
        return
        [
            ("without own history", With(s => s with { HistoryCandidates = 0 })),
            ("without co-listening", With(s => s with { CoListeningCandidates = 0 })),
            ("without successors", With(s => s with { SuccessorCandidates = 0 })),
            ("without vector neighbours", With(s => s with { VectorCandidates = 0 })),
            ("without trending", With(s => s with { TrendingCandidates = 0 })),
            ("without the learned ranker", new RecommenderOptions { Ranking = options.Ranking, UseLearnedRanker = false, RedisTimeout = options.RedisTimeout }),
        ];
    }
}

/// <param name="Seconds">Wall time of the run (catalog build excluded).</param>
public sealed record InProcessResult(Scoreboard Board, string Description, double Seconds);
