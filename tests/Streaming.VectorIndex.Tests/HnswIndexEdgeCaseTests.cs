using Streaming.VectorIndex;

namespace Streaming.VectorIndex.Tests;

public sealed class HnswIndexEdgeCaseTests
{
    private static readonly HnswOptions Small = new() { M = 8, EfConstruction = 64, EfSearch = 32, Seed = 5 };

    [Fact]
    public void Search_EmptyIndex_ReturnsNothing()
    {
        var index = HnswIndex.Build(new VectorMatrix([], 8, 0), Small);

        Assert.Equal(0, index.Search(new float[8], 10, new Neighbor[10]));
        Assert.Throws<ArgumentException>(() => index.Search(new float[9], 10, new Neighbor[10]));
    }

    [Fact]
    public void Search_EmptyIndex_SurvivesSaveAndLoad()
    {
        var vectors = new VectorMatrix([], 8, 0);
        using var stream = new MemoryStream();
        HnswIndex.Build(vectors, Small).Save(stream);
        stream.Position = 0;

        Assert.Empty(HnswIndex.Load(stream, vectors).Search(new float[8], 3));
    }

    [Fact]
    public void Search_SingleVector_ReturnsIt()
    {
        var (vectors, queries) = Data.Clustered(1, 8, 1, seed: 1);

        var actual = HnswIndex.Build(vectors, Small).Search(queries.Row(0), 5);

        Assert.Equal(0, Assert.Single(actual).Id);
    }

    [Fact]
    public void Search_KLargerThanCount_ReturnsEveryVectorSorted()
    {
        var (vectors, queries) = Data.Clustered(3000, 16, 3, seed: 8);
        var index = HnswIndex.Build(vectors, Small);

        for (var q = 0; q < queries.Count; q++)
        {
            var results = new Neighbor[5000];
            var found = index.Search(queries.Row(q), 5000, results);

            Assert.Equal(3000, found);
            Assert.Equal(Enumerable.Range(0, 3000), results[..found].Select(n => n.Id).Order());
            ExactIndexTests.AssertSortedBestFirst(results[..found]);
        }
    }

    [Fact]
    public void Search_DuplicatedVectors_ReturnsEveryCopy()
    {
        var (unique, _) = Data.Clustered(1000, 16, 0, seed: 21);
        const int copies = 4;
        var rows = Enumerable.Range(0, unique.Count * copies).Select(i => Data.Row(unique, i % unique.Count)).ToArray();
        var index = HnswIndex.Build(VectorMatrix.FromRows(rows, 16), Small);

        var complete = 0;
        for (var id = 0; id < unique.Count; id += 5)
        {
            var actual = index.Search(unique.Row(id), copies);
            complete += actual.Select(n => n.Id % unique.Count).All(u => u == id) ? 1 : 0;
        }

        Assert.True(complete >= 198, $"{complete}/200 queries found all {copies} copies");
    }

    [Fact]
    public void Search_BlockOfIdenticalVectors_ReturnsCopiesAndLeavesOthersFindable()
    {
        // E.g. tracks sharing a placeholder embedding: 300 copies of one vector among 5000 distinct ones.
        var (distinct, queries) = Data.Clustered(5000, 16, 50, seed: 12);
        var placeholder = Data.Row(distinct, 0);
        var rows = Enumerable.Range(0, 5300).Select(i => i < 5000 ? Data.Row(distinct, i) : placeholder).ToArray();
        var vectors = VectorMatrix.FromRows(rows, 16);
        var index = HnswIndex.Build(vectors, Small);
        var exact = new ExactIndex(vectors);

        var copies = index.Search(placeholder, 20);
        Assert.Equal(20, copies.Select(n => n.Id).Distinct().Count());
        Assert.All(copies, n => Assert.Equal(placeholder, Data.Row(vectors, n.Id)));

        var recall = Enumerable.Range(0, queries.Count)
            .Average(q => Reference.Recall(exact.Search(queries.Row(q), 10), index.Search(queries.Row(q), 10)));
        Assert.True(recall >= 0.95, $"recall@10 = {recall:F4}");
    }

    [Fact]
    public void Build_Sequential_IsDeterministic()
    {
        var (vectors, _) = Data.Clustered(2000, 16, 0, seed: 17);
        var options = Small with { MaxDegreeOfParallelism = 1 };

        Assert.Equal(Save(HnswIndex.Build(vectors, options)), Save(HnswIndex.Build(vectors, options)));

        static byte[] Save(HnswIndex index)
        {
            using var stream = new MemoryStream();
            index.Save(stream);
            return stream.ToArray();
        }
    }

    [Fact]
    public void Build_Parallel_ReachesRecallOfSequentialBuild()
    {
        var (vectors, queries) = Data.Clustered(5000, 16, 100, seed: 31);
        var exact = new ExactIndex(vectors);
        var sequential = HnswIndex.Build(vectors, Small with { MaxDegreeOfParallelism = 1 });
        var parallel = HnswIndex.Build(vectors, Small with { MaxDegreeOfParallelism = 4 });

        double Recall(HnswIndex index) => Enumerable.Range(0, queries.Count)
            .Average(q => Reference.Recall(exact.Search(queries.Row(q), 10), index.Search(queries.Row(q), 10)));

        Assert.True(Recall(sequential) >= 0.95, $"sequential {Recall(sequential):F4}");
        Assert.True(Recall(parallel) >= 0.95, $"parallel {Recall(parallel):F4}");
    }

    [Fact]
    public void Build_Cancelled_Throws()
    {
        var (vectors, _) = Data.Clustered(5000, 8, 0, seed: 3);

        Assert.ThrowsAny<OperationCanceledException>(() => HnswIndex.Build(vectors, Small, null, new CancellationToken(canceled: true)));
    }

    [Theory]
    [InlineData(1, 100, 10)]
    [InlineData(16, 0, 10)]
    [InlineData(16, 100, 0)]
    public void Build_InvalidOptions_Throws(int m, int efConstruction, int efSearch)
    {
        var (vectors, _) = Data.Clustered(10, 8, 0, seed: 3);

        Assert.Throws<ArgumentOutOfRangeException>(() =>
            HnswIndex.Build(vectors, new HnswOptions { M = m, EfConstruction = efConstruction, EfSearch = efSearch }));
    }
}
