using Streaming.Catalog.Cli;
using Streaming.Catalog.Core;

namespace Streaming.Catalog.Tests;

public class CatalogCliTests
{
    [Fact]
    public async Task Build_Synthetic_WritesSnapshotAndPrintsFigures_SecondBuildAligns()
    {
        var dir = TestSnapshots.TempDirectory();
        var output = new StringWriter();
        var code = await CatalogCli.RunAsync(["build", "--synthetic", "--seed", "3", "--out", dir, "--dims", "32", "--holdout-playlists", "100", "--version", "20250101T000000000Z"], output);

        Assert.Equal(0, code);
        var text = output.ToString();
        Assert.Contains("build time", text);
        Assert.Contains("tracks 1200", text);
        Assert.Contains("HitRate@10 neighbours", text);
        Assert.Contains("MiB", text);
        var snapshot = CatalogSnapshotReader.Read(Path.Combine(dir, "catalog-20250101T000000000Z.snap"));
        Assert.Equal(1200, snapshot.Count);
        Assert.Equal("0.7", snapshot.Properties["warmup.fraction"]);
        Assert.Equal(100, snapshot.Properties["holdout.pids"].Split(',').Length);

        var again = new StringWriter();
        Assert.Equal(0, await CatalogCli.RunAsync(["build", "--synthetic", "--seed", "3", "--out", dir, "--dims", "32", "--holdout-playlists", "100", "--version", "20250102T000000000Z"], again));
        Assert.Contains("aligned to 20250101T000000000Z", again.ToString());
        Assert.Equal(snapshot.SpaceId, CatalogSnapshotReader.Read(Path.Combine(dir, "catalog-20250102T000000000Z.snap")).SpaceId);
    }

    [Fact]
    public async Task Build_MissingDataFolder_FailsWithMessage()
    {
        var code = await CatalogCli.RunAsync(["build", "--data", "/nonexistent/data", "--out", TestSnapshots.TempDirectory()], TextWriter.Null);
        Assert.Equal(2, code);
    }

    [Theory]
    [InlineData("--dimensions", "32")]
    [InlineData("--ranker-shares", "0.3")]
    public async Task Build_UnknownOption_FailsNamingIt(string option, string value)
    {
        var error = new StringWriter();

        var code = await CatalogCli.RunAsync(["build", "--synthetic", "--out", TestSnapshots.TempDirectory(), option, value], TextWriter.Null, error);

        Assert.Equal(2, code);
        Assert.Contains($"Unknown option '{option}'", error.ToString());
    }

    [Fact]
    public async Task Build_RankerShareWithTrainUntil_FailsBeforeBuilding()
    {
        var dir = TestSnapshots.TempDirectory();

        var code = await CatalogCli.RunAsync(["build", "--synthetic", "--out", dir, "--train-until", "2025-06-01", "--ranker-share", "0.3"], TextWriter.Null);

        Assert.Equal(2, code);
        Assert.Empty(Directory.EnumerateFiles(dir));
    }
}
