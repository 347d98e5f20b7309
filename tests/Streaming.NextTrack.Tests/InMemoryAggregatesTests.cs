using Streaming.NextTrack.Training;
using Streaming.TasteStore;

namespace Streaming.NextTrack.Tests;

public sealed class InMemoryAggregatesTests
{
    private static readonly TasteStoreOptions Options = new() { CoListeningPerTrack = 2, TransitionsPerTrack = 2 };
    private static readonly long Epoch = Options.DecayEpoch.ToUnixTimeMilliseconds();
    private static readonly long CoHalfLife = (long)Options.CoListeningHalfLife.TotalMilliseconds;
    private static readonly long TransitionHalfLife = (long)Options.TransitionHalfLife.TotalMilliseconds;

    [Fact]
    public void AddCoListening_OnePair_CountsForBothTracks()
    {
        var aggregates = new InMemoryAggregates(Options);

        aggregates.AddCoListening("a", "b", Epoch);

        Assert.Equal([("b", 1.0)], aggregates.CoListening("a", 10, Epoch));
        Assert.Equal([("a", 1.0)], aggregates.CoListening("b", 10, Epoch));
    }

    [Fact]
    public void CoListening_ReadLater_DecayedCountsAtThatTime()
    {
        var aggregates = new InMemoryAggregates(Options);
        aggregates.AddCoListening("a", "b", Epoch);
        aggregates.AddCoListening("a", "b", Epoch + CoHalfLife);

        // (1 + 2) forward weights read two half-lives after the epoch: 3 / 4.
        var (_, count) = Assert.Single(aggregates.CoListening("a", 10, Epoch + (2 * CoHalfLife)));
        Assert.Equal(0.75, count, 12);
    }

    [Fact]
    public void AddTransition_OneWay_OnlyTheSourceHasASuccessor()
    {
        var aggregates = new InMemoryAggregates(Options);

        aggregates.AddTransition("a", "b", Epoch + TransitionHalfLife);

        Assert.Equal([("b", 1.0)], aggregates.Successors("a", 10, Epoch + TransitionHalfLife));
        Assert.Empty(aggregates.Successors("b", 10, Epoch + TransitionHalfLife));
        Assert.Empty(aggregates.CoListening("a", 10, Epoch));
    }

    [Fact]
    public void AddCoListening_BeyondCapacity_LowestScoreDropped()
    {
        var aggregates = new InMemoryAggregates(Options);
        aggregates.AddCoListening("a", "b", Epoch);
        aggregates.AddCoListening("a", "b", Epoch);
        aggregates.AddCoListening("a", "c", Epoch + CoHalfLife);
        aggregates.AddCoListening("a", "d", Epoch);

        // b = 2, c = 2 (one contribution a half-life later), d = 1: d goes.
        Assert.Equal(["b", "c"], aggregates.CoListening("a", 10, Epoch).Select(x => x.TrackId).Order());
        Assert.Equal(2, aggregates.CoListening("a", 10, Epoch).Count);
    }

    [Fact]
    public void AddCoListening_TieAtTheCut_LowestMemberDroppedAndTiesReadHighestMemberFirst()
    {
        var aggregates = new InMemoryAggregates(Options);
        aggregates.AddCoListening("a", "c", Epoch);
        aggregates.AddCoListening("a", "b", Epoch);
        aggregates.AddCoListening("a", "d", Epoch);

        // As ZREMRANGEBYRANK (ascending score, then member) and ZREVRANGE (descending score, then member).
        Assert.Equal(["d", "c"], aggregates.CoListening("a", 10, Epoch).Select(x => x.TrackId));
    }

    [Fact]
    public void AddTransition_BeyondCapacity_TopNKept()
    {
        var aggregates = new InMemoryAggregates(Options);
        foreach (var (to, times) in new[] { ("b", 3), ("c", 1), ("d", 2) })
        {
            for (var i = 0; i < times; i++)
            {
                aggregates.AddTransition("a", to, Epoch);
            }
        }

        Assert.Equal([("b", 3.0), ("d", 2.0)], aggregates.Successors("a", 10, Epoch));
    }

    [Fact]
    public void CoListening_Take_Bounded()
    {
        var aggregates = new InMemoryAggregates(Options);
        aggregates.AddCoListening("a", "b", Epoch);
        aggregates.AddCoListening("a", "b", Epoch);
        aggregates.AddCoListening("a", "c", Epoch);

        Assert.Equal(["b"], aggregates.CoListening("a", 1, Epoch).Select(x => x.TrackId));
        Assert.Empty(aggregates.CoListening("unknown", 10, Epoch));
    }

    [Fact]
    public void Trending_SharesOfTheMostPlayed_TiesById()
    {
        var aggregates = new InMemoryAggregates(Options);
        foreach (var track in new[] { "b", "a", "a", "c", "c" })
        {
            aggregates.AddPlay(track, Epoch);
        }

        Assert.Equal([("a", 1.0), ("c", 1.0), ("b", 0.5)], aggregates.Trending(10));
        Assert.Equal(["a"], aggregates.Trending(1).Select(x => x.TrackId));
    }
}
