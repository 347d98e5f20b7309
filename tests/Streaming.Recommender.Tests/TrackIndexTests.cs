using Streaming.Recommender.Index;
using Streaming.Recommender.Options;
using Streaming.Recommender.Tests.Support;
using Streaming.VectorIndex;

namespace Streaming.Recommender.Tests;

public sealed class TrackIndexTests
{
    [Fact]
    public void Build_SmallCatalog_ExactScanWithoutRecall()
    {
        var index = TrackIndexBuilder.Build(SyntheticSnapshots.Create("20250101T000000000Z"), new RecommenderOptions());

        Assert.Equal("exact", index.Kind);
        Assert.Null(index.RecallAt10);
        Assert.Equal(SyntheticSnapshots.Catalog.Tracks.Count, index.Index.Count);
    }

    [Fact]
    public void Build_AboveExactThreshold_HnswWithMeasuredRecall()
    {
        var index = TrackIndexBuilder.Build(SyntheticSnapshots.Create("20250101T000000000Z"), new RecommenderOptions { ExactThreshold = 100 });

        Assert.Equal("hnsw", index.Kind);
        Assert.NotNull(index.RecallAt10);
        Assert.InRange(index.RecallAt10!.Value, 0.9, 1.0);
    }

    [Fact]
    public void RecallAtK_SameIndex_One()
    {
        var snapshot = SyntheticSnapshots.Create("20250101T000000000Z");
        var exact = new ExactIndex(new VectorMatrix(snapshot.Vectors.ToArray(), snapshot.Dimensions));

        Assert.Equal(1.0, TrackIndexBuilder.RecallAtK(exact, exact, 50, 10, seed: 1));
    }
}
