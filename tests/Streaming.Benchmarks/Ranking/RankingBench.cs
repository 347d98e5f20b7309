using System.Diagnostics;
using System.Globalization;
using System.Numerics.Tensors;
using Streaming.Catalog.Core;
using Streaming.Catalog.Core.Building;
using Streaming.NextTrack;
using Streaming.NextTrack.Candidates;
using Streaming.NextTrack.Features;
using Streaming.NextTrack.Rankers;
using Streaming.NextTrack.Training;
using Streaming.Ranking;
using Streaming.TasteMath;
using Streaming.TasteStore;

namespace Streaming.Benchmarks.Ranking;

/// <summary>
/// <c>ranking</c>: the ranking stage of <c>next</c> on pools of exactly N candidates (default 200) taken from real
/// requests of the synthetic world (its catalog and model from the catalog build): features, tree scoring, the whole
/// stage (features + trees + order + reasons), time and bytes allocated per call. Baseline in the same run: one cosine
/// per candidate (a 64-dim dot product, the least any vector ranking does per candidate).
/// </summary>
public sealed class RankingBench : IBench
{
    public string Name => "ranking";

    public string Description => "ranking stage of next on N candidates (features, trees, whole stage) vs one cosine per candidate. --candidates 200 --seconds 3";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var options = new BenchArgs(args);
        var candidates = options.Int("candidates", 200);
        var seconds = options.Double("seconds", 3);
        {
            Console.WriteLine("ranking bench: building the synthetic world's catalog and ranker (catalog build --synthetic --seed 42)...");
            var snapshot = await SyntheticRanker.BuildAsync();
            var model = TreeEnsembleSerializer.FromBytes(SyntheticRanker.ModelOf(snapshot));
            var ranker = TreeRanker.TryCreate(model, out var problem) ?? throw new InvalidOperationException(problem);
            var catalog = RankingCatalog.Build(snapshot);
            var requests = Requests(snapshot, catalog, candidates);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"model {model.TreeCount} trees x {model.LeafCount / Math.Max(1, model.TreeCount)} leaves over {model.FeatureCount} features; {requests.Count} requests with pools of exactly {candidates}"));

            var features = new float[candidates * FeatureNames.Count];
            var scores = new float[candidates];
            var sink = 0f;
            var cosine = Measure(seconds, i =>
            {
                var (context, pool) = requests[i % requests.Count];
                var query = context.Query!;
                for (var c = 0; c < pool.Count; c++)
                {
                    sink += TensorPrimitives.Dot(query, catalog.VectorOf(pool.Rows[c]));
                }
            });
            var extract = Measure(seconds, i =>
            {
                var (context, pool) = requests[i % requests.Count];
                using var extractor = new FeatureExtractor(context);
                extractor.Extract(pool, features);
            });
            var trees = Measure(seconds, i =>
            {
                var (_, pool) = requests[i % requests.Count];
                ranker.Score(features, pool.Count, scores);
                sink += scores[0];
            });
            var whole = Measure(seconds, i =>
            {
                var (context, pool) = requests[i % requests.Count];
                sink += NextTrackRanking.Rank(context, pool, ranker, 10)[0].Score;
            });
            GC.KeepAlive(sink);

            Console.WriteLine();
            Console.WriteLine("stage (per request)                      µs/call   x baseline   bytes allocated/call");
            Print("baseline: one cosine per candidate", cosine, cosine);
            Print("features", extract, cosine);
            Print("tree scoring", trees, cosine);
            Print("whole ranking stage (top 10)", whole, cosine);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"trees per candidate: {trees.Microseconds / candidates * 1000:F0} ns; the whole stage allocates {whole.Bytes:F0} B per call (the answer's {10} entries; features, scores and order are pooled)"));
            return 0;
        }
    }

    /// <summary>Real requests of the synthetic world (scored targets), their pools topped up with vector neighbours to exactly <paramref name="size"/>.</summary>
    private static List<(ListeningContext Context, CandidatePool Pool)> Requests(CatalogSnapshot snapshot, RankingCatalog catalog, int size)
    {
        var (world, sessions, _) = CatalogSourceLoader.SyntheticWorld(42);
        var counts = sessions.Plays.GroupBy(p => p.UserId).ToDictionary(g => g.Key, g => g.Count());
        var seen = new Dictionary<string, int>();
        var plays = sessions.Plays.Select(p =>
        {
            var index = seen[p.UserId] = seen.GetValueOrDefault(p.UserId) + 1;
            return new SimulatedPlay(p.UserId, $"{p.UserId}:{index}", p.TrackId, p.SessionId, p.OccurredAt, p.MsPlayed, p.DurationMs, p.IsPrivate,
                index >= counts[p.UserId] * 0.7 ? PlayPhase.Scored : PlayPhase.Warmup);
        }).ToArray();
        var requests = new List<(ListeningContext, CandidatePool)>();
        new ListeningSimulation(catalog, NextTrackSettings.Default, new TasteFolder(TasteParameters.Default), new TasteStoreOptions())
            .Run(plays, p => p.Phase == PlayPhase.Scored && requests.Count < 500, target =>
            {
                if (target.Context.Query is null)
                {
                    return;
                }
                var pool = NextTrackRanking.BuildPool(target.Context, target.Lists, target.Trending);
                var more = VectorNeighbourSource.Search(catalog, catalog.Index!, target.Context.Query, size * 2, target.Context.Excluded)
                    .Where(r => pool.SlotOf(r.Row) < 0).Take(Math.Max(0, size - pool.Count)).ToArray();
                pool.AddVectorNeighbours(more);
                if (pool.Count == size)
                {
                    requests.Add((target.Context, pool));
                }
            });
        GC.KeepAlive(world);
        return requests;
    }

    private static (double Microseconds, double Bytes) Measure(double seconds, Action<int> call)
    {
        for (var i = 0; i < 200; i++)
        {
            call(i);
        }
        var clock = Stopwatch.StartNew();
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var calls = 0;
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            for (var i = 0; i < 100; i++)
            {
                call(calls++);
            }
        }
        var bytes = GC.GetAllocatedBytesForCurrentThread() - allocated;
        return (clock.Elapsed.TotalMilliseconds * 1000 / calls, (double)bytes / calls);
    }

    private static void Print(string name, (double Microseconds, double Bytes) m, (double Microseconds, double Bytes) baseline) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-40} {m.Microseconds,8:F1}   {m.Microseconds / baseline.Microseconds,9:F1}x   {m.Bytes,10:F0}"));

}
