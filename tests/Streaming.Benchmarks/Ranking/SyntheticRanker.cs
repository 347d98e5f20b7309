using Streaming.Catalog.Cli;
using Streaming.Catalog.Core;

namespace Streaming.Benchmarks.Ranking;

/// <summary>A real ranking model for benches: the one the catalog build trains for the synthetic world of seed 42.</summary>
internal static class SyntheticRanker
{
    /// <summary>The synthetic world's snapshot, with its ranking model attached.</summary>
    public static async Task<CatalogSnapshot> BuildAsync()
    {
        var directory = Directory.CreateTempSubdirectory("bench-ranker-").FullName;
        try
        {
            if (await CatalogCli.RunAsync(["build", "--synthetic", "--seed", "42", "--out", directory], TextWriter.Null) != 0)
            {
                throw new InvalidOperationException("The synthetic catalog build failed.");
            }
            return CatalogSnapshotReader.Read(Directory.GetFiles(directory, "*.snap").Single());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    public static byte[] ModelOf(CatalogSnapshot snapshot) => snapshot.Attachments[CatalogSnapshotAttachments.RankingModel];
}
