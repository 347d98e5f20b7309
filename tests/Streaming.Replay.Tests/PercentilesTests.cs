using Streaming.Replay.Metrics;

namespace Streaming.Replay.Tests;

public sealed class PercentilesTests
{
    private static readonly double[] OneToTen = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

    [Theory]
    [InlineData(50, 5)]
    [InlineData(90, 9)]
    [InlineData(99, 10)]
    [InlineData(100, 10)]
    [InlineData(0, 1)]
    [InlineData(10, 1)]
    [InlineData(11, 2)]
    public void Of_OneToTen_NearestRank(double percentile, double expected) =>
        Assert.Equal(expected, Percentiles.Of(OneToTen, percentile));

    [Fact]
    public void Of_Empty_IsNaN() => Assert.True(double.IsNaN(Percentiles.Of([], 50)));

    [Fact]
    public void Summarize_UnsortedInput_SortsFirst()
    {
        var summary = Percentiles.Summarize([30, 10, 20]);
        Assert.Equal(3, summary.Count);
        Assert.Equal(20, summary.P50);
        Assert.Equal(30, summary.P99);
        Assert.Equal(30, summary.Max);
    }
}
