using Streaming.VectorIndex;

namespace Streaming.VectorIndex.Tests;

public sealed class VectorIndexFactoryTests
{
    [Fact]
    public void Build_BelowThreshold_ReturnsExactIndex()
    {
        var (vectors, _) = Data.Clustered(999, 8, 0, seed: 1);

        Assert.IsType<ExactIndex>(VectorIndexFactory.Build(vectors, new VectorIndexOptions { ExactThreshold = 1000 }));
    }

    [Fact]
    public void Build_AtThreshold_ReturnsHnswIndexWithGivenParameters()
    {
        var (vectors, _) = Data.Clustered(1000, 8, 0, seed: 1);
        var hnsw = new HnswOptions { M = 6, EfConstruction = 40, EfSearch = 20 };

        var index = Assert.IsType<HnswIndex>(VectorIndexFactory.Build(vectors, new VectorIndexOptions { ExactThreshold = 1000, Hnsw = hnsw }));

        Assert.Equal(hnsw, index.Options);
        Assert.Equal(1000, index.Count);
        Assert.Equal(8, index.Dimensions);
    }

    [Fact]
    public void Build_DefaultOptions_UseExactScanBelow20000()
    {
        Assert.Equal(20_000, new VectorIndexOptions().ExactThreshold);
        Assert.IsType<ExactIndex>(VectorIndexFactory.Build(Data.Clustered(100, 8, 0, seed: 1).Vectors));
    }
}
