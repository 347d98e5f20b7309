using Streaming.TasteMath;

namespace Streaming.NextTrack.Tests;

public sealed class HistoryViewTests
{
    [Fact]
    public void Create_EntryOfAnUnknownTrack_LeftOut()
    {
        var unknown = new HistoryEntry(TrackKey.Of("t999999999999999999999"), 9, 0, 1, TrackKey.None);

        var view = new HistoryView(TestWorld.TestCatalog, [TestWorld.Entry(3, 1), unknown, TestWorld.Entry(5, 2)]);

        Assert.Equal([3, 5], view.Rows);
        Assert.Equal(3, view.TotalPlays);
        Assert.Equal(-1, view.IndexOf(9));
    }

    [Fact]
    public void Create_AliasAndCanonicalOfOneRow_FirstEntryKept()
    {
        var alias = new HistoryEntry(TrackKey.Of(TestWorld.AliasOfRow3), 7, 0, 1, TrackKey.None);

        var view = new HistoryView(TestWorld.TestCatalog, [alias, TestWorld.Entry(3, 1)]);

        Assert.Equal([3], view.Rows);
        Assert.Equal(7, view.Entries[0].Plays);
    }

    [Fact]
    public void NextOf_KnownNextUnknownNextAndNone_RowOrMinusOne()
    {
        var unknownNext = TestWorld.Entry(4, 1) with { Next = TrackKey.Of("t999999999999999999999") };

        var view = new HistoryView(TestWorld.TestCatalog, [TestWorld.Entry(3, 1, next: 12), unknownNext, TestWorld.Entry(5, 1)]);

        Assert.Equal(12, view.NextOf(3));
        Assert.Equal(-1, view.NextOf(4));
        Assert.Equal(-1, view.NextOf(5));
        Assert.Equal(-1, view.NextOf(20));
    }

    [Fact]
    public void RecencyRank_NewestFirstTiesByRow()
    {
        var view = new HistoryView(TestWorld.TestCatalog,
            [TestWorld.Entry(7, 1, lastMs: TestWorld.T0), TestWorld.Entry(2, 1, lastMs: TestWorld.T0), TestWorld.Entry(5, 1, lastMs: TestWorld.T0 - TestWorld.Day)]);

        Assert.Equal([1, 0, 2], view.RecencyRank);
    }
}
