namespace Streaming.NextTrack.Tests;

public sealed class ExclusionSetTests
{
    [Fact]
    public void Contains_RowsSharingAMaskBit_OnlyTheAddedRow()
    {
        var exclusions = new ExclusionSet();
        exclusions.Add(5);

        Assert.True(exclusions.Contains(5));
        Assert.False(exclusions.Contains(5 + 1024));
        Assert.False(exclusions.Contains(5 + (1024 * 7)));
        Assert.False(exclusions.Contains(6));
        Assert.False(exclusions.Contains(-1));
    }

    [Fact]
    public void Add_NegativeRow_Ignored()
    {
        var exclusions = new ExclusionSet();
        exclusions.Add(-1);

        Assert.Equal(0, exclusions.Count);
        Assert.False(exclusions.Contains(-1));
    }

    [Fact]
    public void Contains_ManyRows_EveryAddedRowAndNoOther()
    {
        var random = new Random(3);
        var added = Enumerable.Range(0, 300).Select(_ => random.Next(0, 200_000)).ToHashSet();
        var exclusions = new ExclusionSet(added.Count);
        foreach (var row in added)
        {
            exclusions.Add(row);
        }

        Assert.Equal(added.Count, exclusions.Count);
        for (var row = 0; row < 200_000; row++)
        {
            Assert.Equal(added.Contains(row), exclusions.Contains(row));
        }
    }
}
