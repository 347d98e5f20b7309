namespace Streaming.TasteStore.Tests;

public sealed class AggregateBatchTests
{
    private static readonly TasteStoreOptions Options = new();
    private static readonly long Epoch = Options.DecayEpoch.ToUnixTimeMilliseconds();

    private static AggregateBatch NewBatch() => new(Options, new TasteKeys("t:", 4));

    [Fact]
    public void AddCoListening_OnePair_BothDirectionsWithTheSameWeight()
    {
        var batch = NewBatch();

        batch.AddCoListening("a", "b", Epoch);

        Assert.Equal(1.0, batch.CoListening["a"]["b"]);
        Assert.Equal(1.0, batch.CoListening["b"]["a"]);
        Assert.Equal(2, batch.Count);
        Assert.Empty(batch.Transitions);
    }

    [Fact]
    public void AddCoListening_OneHalfLifeAfterTheEpoch_ForwardWeightTwo()
    {
        var batch = NewBatch();
        var halfLife = (long)Options.CoListeningHalfLife.TotalMilliseconds;

        batch.AddCoListening("a", "b", Epoch + halfLife);
        batch.AddCoListening("b", "a", Epoch - halfLife);

        // Forward decay: 2^((t - epoch) / half-life), summed per pair whichever side it was named from.
        Assert.Equal(2.5, batch.CoListening["a"]["b"], 12);
        Assert.Equal(2.5, batch.CoListening["b"]["a"], 12);
    }

    [Fact]
    public void AddTransition_OneWayWithItsOwnHalfLife()
    {
        var batch = NewBatch();

        batch.AddTransition("a", "b", Epoch + (long)Options.TransitionHalfLife.TotalMilliseconds);

        Assert.Equal(2.0, batch.Transitions["a"]["b"], 12);
        Assert.False(batch.Transitions.ContainsKey("b"));
        Assert.Empty(batch.CoListening);
    }

    [Fact]
    public void Clear_AfterCoListening_Empty()
    {
        var batch = NewBatch();
        batch.AddCoListening("a", "b", Epoch);

        batch.Clear();

        Assert.Empty(batch.CoListening);
        Assert.Equal(0, batch.Count);
    }
}
