using System.Runtime.Intrinsics.X86;
using Streaming.VectorIndex;

namespace Streaming.VectorIndex.Tests;

/// <summary>The walk on 8-bit codes (<see cref="HnswOptions.QuantizedSearch"/>) against the walk on floats and the exact scan.</summary>
public sealed class QuantizedSearchTests(ClusteredIndexFixture fixture) : IClassFixture<ClusteredIndexFixture>
{
    private const int K = ClusteredIndexFixture.K;

    [Fact]
    public void Build_WidthMultipleOf32_SearchesOnCodesWhereAvx2Runs()
    {
        Assert.Equal(Avx2.IsSupported, fixture.Hnsw.IsQuantized);
        Assert.False(fixture.Hnsw.WithQuantizedSearch(false).IsQuantized);
    }

    [Fact]
    public void Build_WidthNotMultipleOf32_SearchesOnFloats()
    {
        var (vectors, _) = Data.Clustered(500, 24, 0, seed: 7);

        var index = HnswIndex.Build(vectors, new HnswOptions { M = 8, EfConstruction = 40 });

        Assert.False(index.IsQuantized);
    }

    [Fact]
    public void Search_QuantizedWalk_RecallWithinOnePointOfFloatWalk()
    {
        var floats = fixture.Hnsw.WithQuantizedSearch(false);
        var codes = fixture.Hnsw.WithQuantizedSearch(true);

        var floatRecall = Recall(floats);
        var codeRecall = Recall(codes);

        Assert.True(floatRecall >= 0.95, $"float walk recall@10 = {floatRecall:F4}");
        Assert.True(codeRecall >= floatRecall - 0.01, $"code walk {codeRecall:F4} vs float walk {floatRecall:F4}");
    }

    [Fact]
    public void Search_QuantizedWalk_AnswersWithExactScores()
    {
        var codes = fixture.Hnsw.WithQuantizedSearch(true);
        for (var q = 0; q < 50; q++)
        {
            var query = Data.Row(fixture.Queries, q);
            var found = codes.Search(query, K);

            ExactIndexTests.AssertSortedBestFirst(found);
            Assert.All(found, n => Assert.Equal(Reference.Dot(query, fixture.Vectors.Row(n.Id)), n.Score, 1e-5));
        }
    }

    [Fact]
    public void Search_QuantizedWalkWithFilter_NeverReturnsRejectedIds()
    {
        var codes = fixture.Hnsw.WithQuantizedSearch(true);
        var results = new Neighbor[K];
        for (var q = 0; q < 20; q++)
        {
            var found = codes.Search(fixture.Queries.Row(q), K, results, id => id % 3 != 0);

            Assert.Equal(K, found);
            Assert.All(results, n => Assert.NotEqual(0, n.Id % 3));
        }
    }

    [Fact]
    public void Quantize_Row_ReconstructsEveryValueWithinHalfAStep()
    {
        var row = Data.Row(fixture.Vectors, 17);
        var codes = new sbyte[row.Length];

        var scale = QuantizedRows.Quantize(row, codes);

        Assert.True(scale > 0);
        Assert.Contains(codes, c => Math.Abs((int)c) == 127);
        for (var i = 0; i < row.Length; i++)
        {
            Assert.True(Math.Abs(row[i] - (codes[i] * scale)) <= (scale / 2) + 1e-7, $"dimension {i}: {row[i]} vs {codes[i] * scale}");
        }
    }

    [Fact]
    public void Quantize_ZeroVector_ZeroScaleAndCodes()
    {
        var codes = new sbyte[32];
        Array.Fill(codes, (sbyte)5);

        var scale = QuantizedRows.Quantize(new float[32], codes);

        Assert.Equal(0f, scale);
        Assert.All(codes, c => Assert.Equal(0, c));
    }

    private double Recall(HnswIndex index)
    {
        var results = new Neighbor[K];
        var hits = 0;
        for (var q = 0; q < fixture.Queries.Count; q++)
        {
            var found = index.Search(fixture.Queries.Row(q), K, results);
            hits += results.AsSpan(0, found).ToArray().Count(n => fixture.Truth[q].Any(t => t.Id == n.Id));
        }

        return hits / (double)(fixture.Queries.Count * K);
    }
}
