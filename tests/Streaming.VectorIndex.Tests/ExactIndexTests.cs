using Streaming.VectorIndex;

namespace Streaming.VectorIndex.Tests;

public sealed class ExactIndexTests
{
    private const float Tolerance = 1e-5f;

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(300)]
    public void Search_RandomQueries_MatchesNaiveReference(int k)
    {
        var (vectors, queries) = Data.Clustered(3000, 24, 40, seed: 7);
        var index = new ExactIndex(vectors);

        for (var q = 0; q < queries.Count; q++)
        {
            var query = Data.Row(queries, q);
            var expected = Reference.TopK(vectors, query, k);
            var actual = index.Search(query, k);
            AssertSameTopK(vectors, query, expected, actual);
        }
    }

    [Fact]
    public void Search_KLargerThanCount_ReturnsEveryVectorSorted()
    {
        var (vectors, queries) = Data.Clustered(50, 8, 1, seed: 3);
        var index = new ExactIndex(vectors);
        var results = new Neighbor[500];

        var found = index.Search(queries.Row(0), 500, results);

        Assert.Equal(50, found);
        Assert.Equal(Enumerable.Range(0, 50), results[..found].Select(n => n.Id).Order());
        AssertSortedBestFirst(results[..found]);
    }

    [Fact]
    public void Search_EmptyIndex_ReturnsNothing()
    {
        var index = new ExactIndex(new VectorMatrix([], 16, 0));

        Assert.Equal(0, index.Search(new float[16], 10, new Neighbor[10]));
        Assert.Equal(0, index.Count);
    }

    [Fact]
    public void Search_KZero_ReturnsNothing()
    {
        var (vectors, queries) = Data.Clustered(100, 8, 1, seed: 3);

        Assert.Equal(0, new ExactIndex(vectors).Search(queries.Row(0), 0, Span<Neighbor>.Empty));
    }

    [Fact]
    public void Search_Filter_NeverReturnsExcludedIdsAndStillFillsK()
    {
        var (vectors, queries) = Data.Clustered(2000, 16, 20, seed: 11);
        var index = new ExactIndex(vectors);

        for (var q = 0; q < queries.Count; q++)
        {
            var query = Data.Row(queries, q);

            // Exclude the true best 20 plus every even id: the answer must come from deeper down.
            var excluded = Reference.TopK(vectors, query, 20).Select(n => n.Id).ToHashSet();
            bool Allowed(int id) => id % 2 == 1 && !excluded.Contains(id);

            var actual = index.Search(query, 25, Allowed);

            Assert.Equal(25, actual.Length);
            Assert.All(actual, n => Assert.True(Allowed(n.Id)));
            AssertSameTopK(vectors, query, Reference.TopK(vectors, query, 25, Allowed), actual);
        }
    }

    [Fact]
    public void Search_FilterAcceptsFewerThanK_ReturnsOnlyAccepted()
    {
        var (vectors, queries) = Data.Clustered(1000, 16, 1, seed: 5);
        var index = new ExactIndex(vectors);

        var actual = index.Search(queries.Row(0), 10, id => id % 250 == 0);

        Assert.Equal([0, 250, 500, 750], actual.Select(n => n.Id).Order());
    }

    [Fact]
    public void Search_DuplicateVectors_ReturnsEveryCopyWithEqualScores()
    {
        var (unique, _) = Data.Clustered(200, 16, 0, seed: 9);
        var copies = 3;
        var rows = Enumerable.Range(0, unique.Count * copies).Select(i => Data.Row(unique, i % unique.Count)).ToArray();
        var index = new ExactIndex(VectorMatrix.FromRows(rows, 16));

        var actual = index.Search(Data.Row(unique, 17), copies);

        Assert.Equal([17, 217, 417], actual.Select(n => n.Id));
        Assert.All(actual, n => Assert.Equal(actual[0].Score, n.Score));
    }

    [Fact]
    public void Search_QueryDimensionMismatch_ThrowsArgumentException()
    {
        var (vectors, _) = Data.Clustered(100, 8, 0, seed: 1);
        var index = new ExactIndex(vectors);

        Assert.Throws<ArgumentException>(() => index.Search(new float[9], 5, new Neighbor[5]));
        Assert.Throws<ArgumentException>(() => index.Search(new float[7], 5));
    }

    [Fact]
    public void Search_ResultsSpanTooShort_ThrowsArgumentException()
    {
        var (vectors, _) = Data.Clustered(100, 8, 0, seed: 1);

        Assert.Throws<ArgumentException>(() => new ExactIndex(vectors).Search(new float[8], 10, new Neighbor[9]));
    }

    [Fact]
    public void Search_NegativeK_ThrowsArgumentOutOfRange()
    {
        var (vectors, _) = Data.Clustered(100, 8, 0, seed: 1);

        Assert.Throws<ArgumentOutOfRangeException>(() => new ExactIndex(vectors).Search(new float[8], -1, new Neighbor[1]));
    }

    [Fact]
    public void Search_ConcurrentQueries_MatchSequentialAnswers()
    {
        var (vectors, queries) = Data.Clustered(5000, 16, 64, seed: 2);
        var index = new ExactIndex(vectors);
        var expected = Enumerable.Range(0, queries.Count).Select(q => index.Search(queries.Row(q), 10)).ToArray();

        var actual = new Neighbor[queries.Count * 8][];
        Parallel.For(0, actual.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            actual[i] = index.Search(queries.Row(i % queries.Count), 10));

        for (var i = 0; i < actual.Length; i++)
        {
            Assert.Equal(expected[i % queries.Count], actual[i]);
        }
    }

    internal static void AssertSameTopK(VectorMatrix vectors, float[] query, Neighbor[] expected, Neighbor[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        AssertSortedBestFirst(actual);
        for (var i = 0; i < actual.Length; i++)
        {
            // Reported scores are true scores, and rank by rank equal to the reference's.
            Assert.Equal(Reference.Dot(query, vectors.Row(actual[i].Id)), actual[i].Score, Tolerance);
            Assert.Equal(expected[i].Score, actual[i].Score, Tolerance);
        }

        // Ids agree except where float rounding may swap near-ties at the k-th place.
        var expectedIds = expected.Select(n => n.Id).ToHashSet();
        var boundary = expected.Length > 0 ? expected[^1].Score : 0f;
        Assert.All(actual.Where(n => !expectedIds.Contains(n.Id)), n => Assert.Equal(boundary, n.Score, Tolerance));
    }

    internal static void AssertSortedBestFirst(ReadOnlySpan<Neighbor> results)
    {
        for (var i = 1; i < results.Length; i++)
        {
            Assert.True(
                results[i - 1].Score > results[i].Score || (results[i - 1].Score == results[i].Score && results[i - 1].Id < results[i].Id),
                $"Results out of order at {i}: {results[i - 1]} then {results[i]}.");
        }
    }
}
