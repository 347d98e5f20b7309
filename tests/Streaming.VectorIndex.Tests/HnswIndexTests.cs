using Streaming.VectorIndex;

namespace Streaming.VectorIndex.Tests;

public sealed class HnswIndexTests(ClusteredIndexFixture fixture) : IClassFixture<ClusteredIndexFixture>
{
    private const int K = ClusteredIndexFixture.K;

    [Fact]
    public void Search_ClusteredVectors_RecallAt10AtLeast95Percent()
    {
        var recall = MeanRecall(fixture.Hnsw, q => fixture.Hnsw.Search(fixture.Queries.Row(q), K));

        Assert.True(recall >= 0.95, $"recall@10 = {recall:F4}");
    }

    [Fact]
    public void Build_Parallel_LeavesVirtuallyEveryNodeReachable()
    {
        // Lost back links in a parallel build strand nodes; the builder merges instead of overwriting.
        var reachable = fixture.Hnsw.Graph.CountReachable();

        Assert.True(reachable >= fixture.Vectors.Count - (fixture.Vectors.Count / 1000), $"{reachable}/{fixture.Vectors.Count} reachable");
    }

    [Fact]
    public void Search_ReportsTrueScoresBestFirst()
    {
        for (var q = 0; q < 50; q++)
        {
            var query = Data.Row(fixture.Queries, q);
            var actual = fixture.Hnsw.Search(query, K);

            Assert.Equal(K, actual.Length);
            ExactIndexTests.AssertSortedBestFirst(actual);
            Assert.All(actual, n => Assert.Equal(Reference.Dot(query, fixture.Vectors.Row(n.Id)), n.Score, 1e-5));
        }
    }

    [Fact]
    public void Search_IndexedVectorAsQuery_FindsItselfFirst()
    {
        var hits = Enumerable.Range(0, 200).Select(i => i * 97).Count(id => fixture.Hnsw.Search(fixture.Vectors.Row(id), 1)[0].Id == id);

        Assert.True(hits >= 198, $"{hits}/200 vectors found themselves");
    }

    [Fact]
    public void Search_LargerEf_DoesNotLowerRecall()
    {
        var results = new Neighbor[K];
        var narrow = MeanRecall(fixture.Hnsw, q => Run(q, 16));
        var wide = MeanRecall(fixture.Hnsw, q => Run(q, 256));

        Assert.True(wide >= narrow, $"ef 16: {narrow:F4}, ef 256: {wide:F4}");
        Assert.True(wide >= 0.99, $"ef 256: {wide:F4}");

        Neighbor[] Run(int q, int ef) => results[..fixture.Hnsw.Search(fixture.Queries.Row(q), K, results, null, ef)];
    }

    [Fact]
    public void WithEfSearch_SharesTheGraphAndSearchesLikeTheExplicitEf()
    {
        var wide = fixture.Hnsw.WithEfSearch(200);
        var results = new Neighbor[K];

        Assert.Same(fixture.Hnsw.Graph, wide.Graph);
        Assert.Equal(200, wide.Options.EfSearch);
        for (var q = 0; q < 20; q++)
        {
            var found = fixture.Hnsw.Search(fixture.Queries.Row(q), K, results, null, 200);
            Assert.Equal(results[..found], wide.Search(fixture.Queries.Row(q), K));
        }
    }

    [Fact]
    public void Search_HalfOfIdsFiltered_NeverReturnsThemAndFillsK()
    {
        static bool Odd(int id) => (id & 1) == 1;
        var recall = 0.0;
        for (var q = 0; q < fixture.Queries.Count; q++)
        {
            var actual = fixture.Hnsw.Search(fixture.Queries.Row(q), K, Odd);

            Assert.Equal(K, actual.Length);
            Assert.All(actual, n => Assert.True(Odd(n.Id), $"filtered id {n.Id} returned"));
            recall += Reference.Recall(fixture.Exact.Search(fixture.Queries.Row(q), K, Odd), actual);
        }

        Assert.True(recall / fixture.Queries.Count >= 0.95, $"filtered recall@10 = {recall / fixture.Queries.Count:F4}");
    }

    [Fact]
    public void Search_AlmostEverythingFiltered_StillFillsKFromTheFewAccepted()
    {
        // 1 id in 500 accepted: the walk has to cross many rejected nodes to collect k accepted ones.
        static bool Rare(int id) => id % 500 == 0;
        for (var q = 0; q < 20; q++)
        {
            var actual = fixture.Hnsw.Search(fixture.Queries.Row(q), K, Rare);
            var truth = fixture.Exact.Search(fixture.Queries.Row(q), K, Rare);

            Assert.Equal(K, actual.Length);
            Assert.All(actual, n => Assert.True(Rare(n.Id)));
            Assert.True(Reference.Recall(truth, actual) >= 0.8, $"query {q}: recall {Reference.Recall(truth, actual)}");
        }
    }

    [Fact]
    public void Search_FilterAcceptsFewerThanK_ReturnsExactlyTheAcceptedOnes()
    {
        // The walk cannot fill k, gives up after its visit budget and answers with the exact scan.
        int[] accepted = [17, 9_001, 19_999];
        for (var q = 0; q < 5; q++)
        {
            var actual = fixture.Hnsw.Search(fixture.Queries.Row(q), K, id => accepted.Contains(id));

            Assert.Equal(fixture.Exact.Search(fixture.Queries.Row(q), K, id => accepted.Contains(id)), actual);
            Assert.Equal(3, actual.Length);
        }
    }

    [Fact]
    public void Search_FilterRejectsEverything_ReturnsNothing()
    {
        Assert.Empty(fixture.Hnsw.Search(fixture.Queries.Row(0), K, _ => false));
    }

    [Fact]
    public void Search_ConcurrentQueries_MatchSequentialAnswers()
    {
        static bool NotMultipleOf3(int id) => id % 3 != 0;
        var queries = fixture.Queries.Count;
        var expected = Enumerable.Range(0, queries).Select(q => fixture.Hnsw.Search(fixture.Queries.Row(q), K)).ToArray();
        var expectedFiltered = Enumerable.Range(0, queries).Select(q => fixture.Hnsw.Search(fixture.Queries.Row(q), K, NotMultipleOf3)).ToArray();

        var actual = new Neighbor[queries * 10][];
        Parallel.For(0, actual.Length, new ParallelOptions { MaxDegreeOfParallelism = 16 }, i =>
        {
            var q = i % queries;
            actual[i] = (i / queries) % 2 == 0
                ? fixture.Hnsw.Search(fixture.Queries.Row(q), K)
                : fixture.Hnsw.Search(fixture.Queries.Row(q), K, NotMultipleOf3);
        });

        for (var i = 0; i < actual.Length; i++)
        {
            var q = i % queries;
            Assert.Equal((i / queries) % 2 == 0 ? expected[q] : expectedFiltered[q], actual[i]);
        }
    }

    [Fact]
    public void Search_FilterThatSearchesAgain_DoesNotCorruptTheOuterSearch()
    {
        // A re-entrant search on the same thread must get its own scratch buffers.
        var index = fixture.Hnsw;
        var inner = Data.Row(fixture.Queries, 1);
        bool Filter(int id) => index.Search(inner, 1).Length == 1 && id % 2 == 0;

        var actual = index.Search(fixture.Queries.Row(0), K, Filter);

        Assert.Equal(index.Search(fixture.Queries.Row(0), K, id => id % 2 == 0), actual);
    }

    [Fact]
    public void SaveThenLoad_GivesIdenticalResultsAndBytes()
    {
        using var saved = new MemoryStream();
        fixture.Hnsw.Save(saved);
        saved.Position = 0;
        var loaded = HnswIndex.Load(saved, fixture.Vectors);

        // Build parallelism is how a graph was made, not part of it: it is not saved (a loaded index reports the default).
        Assert.Equal(fixture.Options with { MaxDegreeOfParallelism = new HnswOptions().MaxDegreeOfParallelism }, loaded.Options);
        Assert.Equal(fixture.Hnsw.MaxLevel, loaded.MaxLevel);
        for (var q = 0; q < fixture.Queries.Count; q++)
        {
            Assert.Equal(fixture.Hnsw.Search(fixture.Queries.Row(q), K), loaded.Search(fixture.Queries.Row(q), K));
            Assert.Equal(fixture.Hnsw.Search(fixture.Queries.Row(q), K, id => id % 7 != 0), loaded.Search(fixture.Queries.Row(q), K, id => id % 7 != 0));
        }

        using var resaved = new MemoryStream();
        loaded.Save(resaved);
        Assert.Equal(saved.ToArray(), resaved.ToArray());
    }

    [Fact]
    public void Load_OntoDifferentVectors_ThrowsInvalidData()
    {
        using var saved = new MemoryStream();
        fixture.Hnsw.Save(saved);
        var (other, _) = Data.Clustered(fixture.Vectors.Count, fixture.Vectors.Dimensions, 0, seed: 4321);
        var (smaller, _) = Data.Clustered(100, fixture.Vectors.Dimensions, 0, seed: 4321);

        saved.Position = 0;
        Assert.Throws<InvalidDataException>(() => HnswIndex.Load(saved, other));
        saved.Position = 0;
        Assert.Throws<InvalidDataException>(() => HnswIndex.Load(saved, smaller));
    }

    [Fact]
    public void Load_TruncatedOrCorruptStream_ThrowsInvalidData()
    {
        using var saved = new MemoryStream();
        fixture.Hnsw.Save(saved);
        var bytes = saved.ToArray();

        Assert.Throws<InvalidDataException>(() => HnswIndex.Load(new MemoryStream(bytes[..(bytes.Length / 2)]), fixture.Vectors));
        var badMagic = (byte[])bytes.Clone();
        badMagic[0] ^= 0xFF;
        Assert.Throws<InvalidDataException>(() => HnswIndex.Load(new MemoryStream(badMagic), fixture.Vectors));

        // Point the first layer-0 link of some node outside the graph.
        var badLink = (byte[])bytes.Clone();
        var linksStart = 48 + fixture.Vectors.Count;
        BitConverter.TryWriteBytes(badLink.AsSpan(linksStart + 4), int.MaxValue);
        Assert.Throws<InvalidDataException>(() => HnswIndex.Load(new MemoryStream(badLink), fixture.Vectors));
    }

    [Fact]
    public void Search_QueryDimensionMismatch_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => fixture.Hnsw.Search(new float[31], K));
        Assert.Throws<ArgumentException>(() => fixture.Hnsw.Search(new float[33], K, new Neighbor[K]));
    }

    private double MeanRecall(HnswIndex index, Func<int, Neighbor[]> search) =>
        Enumerable.Range(0, fixture.Queries.Count).Average(q => Reference.Recall(fixture.Truth[q], search(q)));
}
