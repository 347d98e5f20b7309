using Streaming.NextTrack.Candidates;
using static Streaming.NextTrack.Tests.TestWorld;

namespace Streaming.NextTrack.Tests;

public sealed class VectorNeighbourSourceTests
{
    /// <summary>Long-term taste along artist A's axis: rows 0, 1, 2... of artist A are nearest, in that order.</summary>
    private static ListenerState TasteOfArtistA => State() with { LongTerm = Taste(Axis(0)) };

    [Fact]
    public void Candidates_TasteAlongAnArtistAxis_NearestByCosine()
    {
        var candidates = VectorNeighbourSource.Candidates(Context(TasteOfArtistA), 3);

        Assert.Equal([0, 1, 2], candidates.Select(c => c.Row));
        Assert.Equal(1f, candidates[0].Score, 5);
        Assert.Equal((float)Math.Cos(0.1), candidates[1].Score, 5);
        Assert.Equal((float)Math.Cos(0.2), candidates[2].Score, 5);
    }

    [Fact]
    public void Candidates_ExcludedRows_SkippedByTheIndexFilter()
    {
        var candidates = VectorNeighbourSource.Candidates(Context(TasteOfArtistA, exclude: [Id(0), Id(2)]), 3);

        Assert.Equal([1, 3, 4], candidates.Select(c => c.Row));
    }

    [Fact]
    public void Candidates_SeededQuery_NeighboursOfTheLatestPlayNotItself()
    {
        // No taste vector: the query is row 10's vector (artist B, axis 1); row 10 is a recent play.
        var candidates = VectorNeighbourSource.Candidates(Context(State(10)), 2);

        Assert.Equal([11, 12], candidates.Select(c => c.Row));
    }

    [Fact]
    public void Candidates_NoQuery_Empty()
    {
        // The only play has no vector, and there is no taste vector.
        var context = Context(State(FirstWithoutVector));

        Assert.Null(context.Query);
        Assert.Empty(VectorNeighbourSource.Candidates(context, 10));
    }

    [Fact]
    public void Candidates_TakeBeyondTheIndex_EveryRowWithAVectorOnce()
    {
        var candidates = VectorNeighbourSource.Candidates(Context(TasteOfArtistA), 1000);

        Assert.Equal(Enumerable.Range(0, FirstWithoutVector), candidates.Select(c => c.Row).Order());
    }

    [Fact]
    public void Candidates_TakeZero_Empty()
    {
        Assert.Empty(VectorNeighbourSource.Candidates(Context(TasteOfArtistA), 0));
    }

    [Fact]
    public void Candidates_CatalogWithoutIndex_Empty()
    {
        var catalog = new RankingCatalog(Snapshot);
        var context = ListeningContext.Create(catalog, TasteOfArtistA, NextTrackSettings.Default, T0);

        Assert.NotNull(context.Query);
        Assert.Empty(VectorNeighbourSource.Candidates(context, 10));
    }
}
