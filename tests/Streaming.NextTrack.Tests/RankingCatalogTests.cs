using Streaming.Catalog.Core;
using Streaming.TasteMath;

namespace Streaming.NextTrack.Tests;

public sealed class RankingCatalogTests
{
    private static readonly RankingCatalog Catalog = TestWorld.TestCatalog;

    [Fact]
    public void RowOf_TrackKeyOfIdOrAlias_TheRow()
    {
        Assert.Equal(7, Catalog.RowOf(TestWorld.Key(7)));
        Assert.Equal(3, Catalog.RowOf(TrackKey.Of(TestWorld.AliasOfRow3)));
        Assert.Equal(-1, Catalog.RowOf(TrackKey.Of("t999999999999999999999")));
    }

    [Fact]
    public void ArtistOf_RowsOfOneArtistName_ShareADenseNumber()
    {
        Assert.Equal(4, Catalog.ArtistCount);
        Assert.Equal(Catalog.ArtistOf(0), Catalog.ArtistOf(9));
        Assert.NotEqual(Catalog.ArtistOf(9), Catalog.ArtistOf(10));
        Assert.Equal([0, 1, 2, 3], new[] { 0, 10, 20, 30 }.Select(Catalog.ArtistOf));
    }

    [Fact]
    public void PopularityPrior_LogScaledToTheMostPopular()
    {
        // Popularity is 40 - row: row 0 is the most popular.
        Assert.Equal(1f, Catalog.PopularityPrior(0), 6);
        Assert.Equal((float)(Math.Log(1 + 30) / Math.Log(1 + 40)), Catalog.PopularityPrior(10), 6);
    }

    [Fact]
    public void PopularRows_MostPopularFirst()
    {
        Assert.Equal(Enumerable.Range(0, TestWorld.TrackCount), Catalog.PopularRows);
    }

    [Fact]
    public void VectorRows_RowsWithoutVector_LeftOutOfTheIndex()
    {
        var (matrix, rowOfId) = RankingCatalog.VectorRows(TestWorld.Snapshot);

        Assert.Equal(TestWorld.FirstWithoutVector, matrix.Count);
        Assert.Equal(Enumerable.Range(0, TestWorld.FirstWithoutVector), rowOfId);
        Assert.Equal(TestWorld.FirstWithoutVector, Catalog.Index!.Count);
        Assert.Equal(12, Catalog.RowOfIndexId(12));
    }

    [Fact]
    public void Build_NoVectorAtAll_NoIndex()
    {
        var tracks = new[] { new CatalogTrack(TestWorld.Id(0), "A", "a", null, null, 1) };
        var snapshot = new CatalogSnapshot("v1", TestWorld.Space, 2, DateTimeOffset.UnixEpoch, tracks, [false], new float[2]);

        Assert.Null(RankingCatalog.Build(snapshot).Index);
    }
}
