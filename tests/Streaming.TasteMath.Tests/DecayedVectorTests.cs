namespace Streaming.TasteMath.Tests;

public class DecayedVectorTests
{
    private static readonly TimeSpan HalfLife = TimeSpan.FromDays(1);
    private const long Day = 86_400_000;

    [Fact]
    public void Add_OneHalfLifeLater_OldContributionHalved()
    {
        var v = new DecayedVector("space", 2);
        v.Add(Events.Unit(2, 0), 1f, 0, HalfLife);
        v.Add(Events.Unit(2, 1), 1f, Day, HalfLife);

        Assert.Equal(0.5f, v.Sum[0], 6);
        Assert.Equal(1f, v.Sum[1], 6);
        Assert.Equal(Day, v.ReferenceTimeMs);
        Assert.Equal(1.5f, v.Mass, 5);
    }

    [Fact]
    public void Add_LateEvent_DoesNotRewindReferenceTime()
    {
        var v = new DecayedVector("space", 2);
        v.Add(Events.Unit(2, 0), 1f, 2 * Day, HalfLife);
        v.Add(Events.Unit(2, 1), 1f, Day, HalfLife);

        Assert.Equal(2 * Day, v.ReferenceTimeMs);
        Assert.Equal(1f, v.Sum[0], 6);
        Assert.Equal(0.5f, v.Sum[1], 6);
    }

    [Fact]
    public void Add_AnyOrder_SameSum()
    {
        var times = new long[] { 5 * Day, Day, 3 * Day, 0, 4 * Day };
        var inOrder = new DecayedVector("space", 5);
        var shuffled = new DecayedVector("space", 5);
        var sorted = times.Select((t, i) => (t, i)).OrderBy(x => x.t).ToArray();
        foreach (var (t, i) in sorted)
        {
            inOrder.Add(Events.Unit(5, i), 1f, t, HalfLife);
        }
        for (var i = 0; i < times.Length; i++)
        {
            shuffled.Add(Events.Unit(5, i), 1f, times[i], HalfLife);
        }

        Assert.Equal(inOrder.ReferenceTimeMs, shuffled.ReferenceTimeMs);
        for (var d = 0; d < 5; d++)
        {
            Assert.Equal(inOrder.Sum[d], shuffled.Sum[d], 5);
            Assert.Equal(MathF.Pow(2f, -(5 * Day - times[d]) / (float)Day), shuffled.Sum[d], 5);
        }
    }

    [Fact]
    public void Direction_ZeroVector_Null()
    {
        Assert.Null(new DecayedVector("space", 3).Direction());
    }
}
