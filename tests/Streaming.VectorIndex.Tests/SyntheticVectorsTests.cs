using Streaming.VectorIndex;

namespace Streaming.VectorIndex.Tests;

public sealed class SyntheticVectorsTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public void Sample_ProducesUnitVectors(int latentDimensions)
    {
        var vectors = new SyntheticVectors(32, 10, seed: 1, latentDimensions: latentDimensions).Sample(10_000, seed: 2);

        for (var i = 0; i < vectors.Count; i++)
        {
            Assert.Equal(1.0, Math.Sqrt(Reference.Dot(vectors.Row(i), vectors.Row(i))), 1e-5);
        }
    }

    [Fact]
    public void Sample_SameSeeds_SameVectors_OtherSeed_OtherVectors()
    {
        var a = SyntheticVectors.Clustered(9000, 16, seed: 5);
        var b = SyntheticVectors.Clustered(9000, 16, seed: 5);
        var c = SyntheticVectors.Clustered(9000, 16, seed: 6);

        Assert.Equal(a.Data, b.Data);
        Assert.NotEqual(a.Data, c.Data);
    }

    [Fact]
    public void Sample_PointsAreClustered()
    {
        // Nearest neighbours sit far closer than random pairs: the data has structure, as embeddings do.
        var vectors = SyntheticVectors.Clustered(2000, 32, seed: 3, clusters: 20);
        var exact = new ExactIndex(vectors);
        var nearest = Enumerable.Range(0, 100).Average(i => exact.Search(vectors.Row(i), 2)[1].Score);
        var random = Enumerable.Range(0, 100).Average(i => Reference.Dot(vectors.Row(i), vectors.Row(1999 - i)));

        Assert.True(nearest > 0.7, $"mean nearest-neighbour similarity {nearest:F3}");
        Assert.True(random < 0.3, $"mean random-pair similarity {random:F3}");
    }
}
