using Streaming.Catalog.Cli;
using Streaming.Replay.Cli;
using Streaming.Replay.InProcess;

namespace Streaming.Replay.Tests;

/// <summary>
/// The quality gate: the synthetic world of seed 42, its catalog and ranker built by the catalog build (warm-up part
/// only), replayed through the production code in process (worker apply path into a real redis-server, the
/// recommender's answer path). The system must hit at least as often as session item-kNN on the same targets. A
/// deterministic check (seeded data, deterministic training), not a timing.
/// </summary>
public sealed class QualityGateTests
{
    [Fact]
    public async Task InProcess_SyntheticSeed42_SystemHitsAtLeastAsOftenAsSessionKnn()
    {
        var catalog = Directory.CreateTempSubdirectory("quality-gate-catalog-").FullName;
        try
        {
            using var log = new StringWriter();
            Assert.Equal(0, await CatalogCli.RunAsync(["build", "--synthetic", "--seed", "42", "--out", catalog], log));
            var source = new SourceOptions("synthetic", null, null, 42, catalog);

            var result = await InProcessCommand.EvaluateAsync(source, redisAddress: null, ablation: false, CancellationToken.None);

            var scores = result.Board.Scores().ToDictionary(s => s.Model);
            var system = scores[InProcessCommand.SystemModel];
            var knn = scores["session-kNN"];
            Assert.True(result.Board.Targets > 1000, $"only {result.Board.Targets} targets: {result.Description}");
            Assert.Contains("ranker learned:", result.Description);
            Assert.True(system.HitRate >= knn.HitRate,
                $"system HR@10 {system.HitRate:F4} (MRR {system.Mrr:F4}) below session-kNN {knn.HitRate:F4} (MRR {knn.Mrr:F4}) on {result.Board.Targets} targets. Catalog build:\n{log}");
        }
        finally
        {
            Directory.Delete(catalog, recursive: true);
        }
    }
}
