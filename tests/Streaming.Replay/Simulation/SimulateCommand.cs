using System.Diagnostics;
using System.Globalization;
using Streaming.NextTrack;
using Streaming.NextTrack.Rankers;
using Streaming.NextTrack.Training;
using Streaming.Ranking;
using Streaming.Ranking.Training;
using Streaming.Replay.Cli;
using Streaming.Replay.Evaluation;
using Streaming.Replay.Metrics;
using Streaming.Replay.Protocol;
using Streaming.Replay.Sources;
using Streaming.TasteMath;
using Streaming.TasteStore;
using Streaming.VectorIndex;

namespace Streaming.Replay.Simulation;

/// <summary>
/// <c>simulate</c>: the replay protocol through the worker's fold and the ranking pipeline, all in memory (no Redis,
/// no services): fast enough to compare rankers and settings. Trains a ranker on the warm-up part (<c>--train</c>),
/// cross-validates by leaving listeners out (<c>--folds</c>), and scores the scored part next to the baselines.
/// </summary>
public static class SimulateCommand
{
    public static int Run(ArgumentList args, TextWriter output)
    {
        var source = SourceOptions.Parse(args);
        var train = args.Flag("train");
        var folds = args.Int("folds", 0, min: 0)!.Value;
        var trees = args.Int("trees", 100, min: 1)!.Value;
        var leaves = args.Int("leaves", 16, min: 2)!.Value;
        var learningRate = args.Double("learning-rate", 0.2, 0.0001);
        var minLeaf = args.Int("min-leaf", 20, min: 1)!.Value;
        var maxGroups = args.Int("max-groups", 20_000, min: 1)!.Value;
        var ndcgCut = args.Int("ndcg-cut", 100, min: 1)!.Value;
        var modelOut = args.String("model-out");
        var grid = args.String("grid");
        var evaluate = !args.Flag("no-evaluate");
        var trainCatalogPath = args.String("train-catalog");
        var trainFrom = args.Double("train-from", 0, 0);
        var historyCapacity = args.Int("history-capacity", TasteParameters.Default.HistoryCapacity, min: 1)!.Value;
        var d = NextTrackSettings.Default;
        var settings = d with
        {
            MaxPerArtist = args.Int("max-per-artist", d.MaxPerArtist, min: 1)!.Value,
            HistoryCandidates = args.Int("history-candidates", d.HistoryCandidates, min: 0)!.Value,
            CoListeningCandidates = args.Int("co-candidates", d.CoListeningCandidates, min: 0)!.Value,
            SuccessorCandidates = args.Int("successor-candidates", d.SuccessorCandidates, min: 0)!.Value,
            VectorCandidates = args.Int("vector-candidates", d.VectorCandidates, min: 0)!.Value,
            TrendingCandidates = args.Int("trending-candidates", d.TrendingCandidates, min: 0)!.Value,
            SourceTracks = args.Int("source-tracks", d.SourceTracks, min: 1)!.Value,
            ListLength = args.Int("list-length", d.ListLength, min: 1)!.Value,
        };
        var storeOptions = new TasteStoreOptions
        {
            CoListeningPerTrack = args.Int("co-capacity", new TasteStoreOptions().CoListeningPerTrack, min: 1)!.Value,
            CoListeningHalfLife = TimeSpan.FromDays(args.Double("co-half-life-days", new TasteStoreOptions().CoListeningHalfLife.TotalDays, 0.01)),
            TransitionsPerTrack = args.Int("successor-capacity", new TasteStoreOptions().TransitionsPerTrack, min: 1)!.Value,
            TransitionHalfLife = TimeSpan.FromDays(args.Double("successor-half-life-days", new TasteStoreOptions().TransitionHalfLife.TotalDays, 0.01)),
        };
        args.ThrowOnUnknown();

        var clock = Stopwatch.StartNew();
        var snapshot = source.LoadCatalog() ?? throw new UsageException("simulate needs --catalog (the snapshot the system would serve).");
        var dataset = source.Load(new CatalogTrackIds(snapshot));
        var timeline = ReplayTimeline.Build(dataset);
        var catalog = RankingCatalog.Build(snapshot, new VectorIndexOptions());
        var parameters = TasteParameters.Default with { HistoryCapacity = historyCapacity };
        var plays = SimulatedPlays.From(timeline);
        output.WriteLine($"# {dataset.Source}: {dataset.Users.Count} users, {plays.Length:N0} plays; catalog {snapshot.Version} ({snapshot.Count:N0} tracks, {snapshot.VectorCount:N0} vectors); index in {clock.Elapsed.TotalSeconds:F1} s");

        var rankers = new List<INextTrackRanker> { BlendRanker.Instance };
        // The model the catalog build attached: what the recommender would serve with this snapshot.
        if (snapshot.Attachments.TryGetValue(Streaming.Catalog.Core.CatalogSnapshotAttachments.RankingModel, out var attached))
        {
            var served = TreeRanker.TryCreate(TreeEnsembleSerializer.FromBytes(attached), out var problem)
                ?? throw new InvalidOperationException("The snapshot's model does not fit this build: " + problem);
            rankers.Insert(0, served);
        }
        if (train || folds > 0)
        {
            var training = new TrainingSet();
            // Honest vector features: a catalog trained on an earlier prefix, targets only after it (--train-from).
            var trainCatalog = trainCatalogPath is null ? catalog : RankingCatalog.Build(CatalogSnapshotLocator.Load(trainCatalogPath), new VectorIndexOptions());
            // Warm-up plays only: in global time order another listener's scored plays can come before a warm-up
            // target, and the shared aggregates must not have seen them (as the catalog build, which reads warm-up only).
            new ListeningSimulation(trainCatalog, settings, new TasteFolder(parameters), storeOptions)
                .Run(plays.Where(p => p.Phase == PlayPhase.Warmup), p => p.Position >= trainFrom, training.Add);
            output.WriteLine($"# warm-up: {training.Targets:N0} targets, {training.Groups.Count:N0} with the track in the pool ({1 - (double)training.Missed / Math.Max(1, training.Targets):P1}); {clock.Elapsed.TotalSeconds:F1} s");
            var options = new LambdaMartOptions { NumberOfTrees = trees, NumberOfLeaves = leaves, LearningRate = learningRate, MinimumExampleCountPerLeaf = minLeaf, Seed = 1, NdcgTruncationLevel = ndcgCut };
            if (folds > 0)
            {
                var configurations = grid is null
                    ? [options]
                    : grid.Split(',').Select(g => g.Split(':')).Select(p => options with
                    {
                        NumberOfTrees = int.Parse(p[0], CultureInfo.InvariantCulture),
                        NumberOfLeaves = int.Parse(p[1], CultureInfo.InvariantCulture),
                        LearningRate = double.Parse(p[2], CultureInfo.InvariantCulture),
                        MinimumExampleCountPerLeaf = int.Parse(p[3], CultureInfo.InvariantCulture),
                    }).ToArray();
                foreach (var configuration in configurations)
                {
                    CrossValidate(training, configuration, folds, maxGroups, output);
                }
            }
            if (train)
            {
                var groups = Sample(training.Groups, maxGroups);
                var model = LambdaMartTrainer.Train(groups, Streaming.NextTrack.Features.FeatureNames.All, options with { ModelVersion = "simulate" });
                output.WriteLine($"# trained {model.TreeCount} trees on {groups.Count:N0} groups; {clock.Elapsed.TotalSeconds:F1} s");
                var splits = model.SplitFeatures.ToArray().GroupBy(f => f).OrderByDescending(g => g.Count()).Select(g => $"{model.FeatureNames[g.Key]} {g.Count()}");
                output.WriteLine("# splits per feature: " + string.Join(", ", splits));
                if (modelOut is not null)
                {
                    File.WriteAllBytes(modelOut, TreeEnsembleSerializer.ToBytes(model));
                }
                rankers.Insert(0, TreeRanker.TryCreate(model, out _)!);
            }
        }

        if (evaluate)
        {
            Evaluate(timeline, plays, catalog, settings, parameters, storeOptions, rankers, output);
        }
        output.WriteLine($"# {clock.Elapsed.TotalSeconds:F1} s");
        return 0;
    }

    private static void Evaluate(ReplayTimeline timeline, SimulatedPlay[] plays, RankingCatalog catalog, NextTrackSettings settings,
        TasteParameters parameters, TasteStoreOptions storeOptions, IReadOnlyList<INextTrackRanker> rankers, TextWriter output)
    {
        var baselines = BaselineEvaluator.Standard();
        var names = rankers.Select(r => r.Name).Concat(baselines.Models.Select(m => m.Name)).ToArray();
        var board = new Scoreboard(names);
        var simulation = new ListeningSimulation(catalog, settings, new TasteFolder(parameters), storeOptions);
        var inPool = 0;
        long poolSizes = 0;
        var coverage = new[] { "unknown track", "in own history", "pool: history", "pool: co-listening", "pool: successors", "pool: vector", "pool: trending", "missed, no vector" }
            .ToDictionary(k => k, _ => 0, StringComparer.Ordinal);
        for (var i = 0; i < plays.Length; i++)
        {
            var evaluated = baselines.Advance(timeline.Events[i]);
            var target = simulation.Step(plays[i], p => p.Phase == PlayPhase.Scored);
            if ((target is not null) != evaluated.Decision.IsTarget)
            {
                throw new InvalidOperationException($"The simulation and the protocol disagree about play {i} being a target.");
            }
            if (target is null)
            {
                continue;
            }
            var pool = NextTrackRanking.BuildPool(target.Context, target.Lists, target.Trending);
            var slot = target.TargetRow >= 0 ? pool.SlotOf(target.TargetRow) : -1;
            inPool += slot >= 0 ? 1 : 0;
            if (target.TargetRow < 0)
            {
                coverage["unknown track"]++;
            }
            else if (target.Context.History.IndexOf(target.TargetRow) >= 0)
            {
                coverage["in own history"]++;
            }
            if (slot >= 0)
            {
                var signal = pool.Signal[slot];
                coverage["pool: history"] += signal.HistoryRank >= 0 ? 1 : 0;
                coverage["pool: co-listening"] += signal.CoListeningRank >= 0 ? 1 : 0;
                coverage["pool: successors"] += signal.SuccessorRank >= 0 ? 1 : 0;
                coverage["pool: vector"] += signal.VectorRank >= 0 ? 1 : 0;
                coverage["pool: trending"] += signal.TrendingRank >= 0 ? 1 : 0;
                poolSizes += pool.Count;
            }
            else if (target.TargetRow >= 0 && !target.Context.Catalog.HasVector(target.TargetRow))
            {
                coverage["missed, no vector"]++;
            }
            var ranks = new int[names.Length];
            for (var r = 0; r < rankers.Count; r++)
            {
                var answer = NextTrackRanking.Rank(target.Context, pool, rankers[r], ReplayProtocol.ListLength);
                ranks[r] = RankOf(answer, target.TargetRow);
            }
            evaluated.BaselineRanks.CopyTo(ranks, rankers.Count);
            var e = timeline.Events[i];
            board.Add(new TargetRecord(e.GlobalIndex, e.UserId, e.OccurredAt, 0, ranks, "simulated", null));
        }
        output.WriteLine($"targets {board.Targets:N0}; the target was in the candidate pool for {(double)inPool / Math.Max(1, board.Targets):P1} (mean pool {(double)poolSizes / Math.Max(1, inPool):F0})");
        output.WriteLine("  " + string.Join("; ", coverage.Select(c => $"{c.Key} {(double)c.Value / Math.Max(1, board.Targets):P1}")));
        ScoreTables.Overall(board, output);
        output.WriteLine();
        ScoreTables.PerListener(board, [names[0], "session-kNN", "popularity"], "session-kNN", output);
    }

    private static int RankOf(IReadOnlyList<RankedTrack> answer, int targetRow)
    {
        if (targetRow < 0)
        {
            return 0;
        }
        for (var i = 0; i < answer.Count && i < ReplayProtocol.ListLength; i++)
        {
            if (answer[i].Row == targetRow)
            {
                return i + 1;
            }
        }
        return 0;
    }

    /// <summary>Leave listeners out: each fold trains on the other listeners' warm-up groups and scores its own.</summary>
    private static void CrossValidate(TrainingSet training, LambdaMartOptions options, int folds, int maxGroups, TextWriter output)
    {
        var users = training.Users.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var foldOf = users.Select((u, i) => (u, i % folds)).ToDictionary(p => p.u, p => p.Item2, StringComparer.Ordinal);
        double hits = 0, rr = 0, blendHits = 0, blendRr = 0;
        var n = 0;
        var allTargets = 0;
        for (var f = 0; f < folds; f++)
        {
            var trainGroups = new List<RankingGroup>();
            var testGroups = new List<RankingGroup>();
            for (var g = 0; g < training.Groups.Count; g++)
            {
                (foldOf[training.Users[g]] == f ? testGroups : trainGroups).Add(training.Groups[g]);
            }
            if (testGroups.Count == 0 || trainGroups.Count == 0)
            {
                continue;
            }
            var model = LambdaMartTrainer.Train(Sample(trainGroups, maxGroups), Streaming.NextTrack.Features.FeatureNames.All, options);
            var learned = Ranking.Training.RankingMetrics.Evaluate(model, testGroups, ReplayProtocol.ListLength);
            var blend = Ranking.Training.RankingMetrics.Evaluate(testGroups, ReplayProtocol.ListLength, (_, group, scores) => BlendRanker.Instance.Score(group.Features, group.RowCount, scores));
            hits += learned.HitRate * testGroups.Count;
            rr += learned.Mrr * testGroups.Count;
            blendHits += blend.HitRate * testGroups.Count;
            blendRr += blend.Mrr * testGroups.Count;
            n += testGroups.Count;
            allTargets += training.TargetsOfUsers.Where(t => foldOf.GetValueOrDefault(t.Key, -1) == f).Sum(t => t.Value);
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"# CV {options.NumberOfTrees} trees x {options.NumberOfLeaves} leaves, lr {options.LearningRate}, min leaf {options.MinimumExampleCountPerLeaf}: over {allTargets:N0} warm-up targets (in pool {n:N0}): learned HR@10 {hits / allTargets:F4} MRR@10 {rr / allTargets:F4}; blend HR@10 {blendHits / allTargets:F4} MRR@10 {blendRr / allTargets:F4}"));
    }

    /// <summary>Every k-th group so at most <paramref name="max"/> remain (deterministic, spread over time).</summary>
    private static IReadOnlyList<RankingGroup> Sample(IReadOnlyList<RankingGroup> groups, int max)
    {
        if (groups.Count <= max)
        {
            return groups;
        }
        var step = (double)groups.Count / max;
        return Enumerable.Range(0, max).Select(i => groups[(int)(i * step)]).ToArray();
    }
}
