using Streaming.TasteMath;

namespace Streaming.TasteStore.Tests;

public sealed class HistoryBlobTests
{
    private static readonly HistoryEntry[] Entries =
    [
        new(0x0102030405060708, 0x0A0B, 0x0C0D, 0x11223344, 0x8877665544332211),
        new(42, 1, 0, 1_750_000_000, TrackKey.None),
        new(ulong.MaxValue, ushort.MaxValue, ushort.MaxValue, uint.MaxValue, ulong.MaxValue),
    ];

    [Fact]
    public void Write_ThenRead_SameEntriesInTheSameOrder()
    {
        var read = HistoryBlob.Read(HistoryBlob.Write(new ListeningHistory(Entries)));

        Assert.Equal(Entries, read.Entries);
        Assert.True(read.TryGet(42, out var e) && e.Plays == 1);
    }

    [Fact]
    public void Write_OneEntry_LittleEndianAtTheDocumentedOffsets()
    {
        var blob = HistoryBlob.Write(new ListeningHistory([Entries[0]]));

        byte[] expected =
        [
            1, 1, 0,
            0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01,
            0x0B, 0x0A,
            0x0D, 0x0C,
            0x44, 0x33, 0x22, 0x11,
            0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88,
        ];
        Assert.Equal(expected, blob);
        Assert.Equal(HistoryBlob.SizeOf(1), blob.Length);
    }

    [Fact]
    public void Write_EmptyHistory_HeaderOnly()
    {
        var blob = HistoryBlob.Write(new ListeningHistory());

        Assert.Equal([HistoryBlob.Format, 0, 0], blob);
        Assert.Equal(0, HistoryBlob.Read(blob).Count);
    }

    [Fact]
    public void CountOf_ThousandEntries_TheDocumentedSize()
    {
        var history = new ListeningHistory(Enumerable.Range(1, 1000).Select(i => new HistoryEntry((ulong)i, 1, 0, 1, 0)));

        var blob = HistoryBlob.Write(history);

        Assert.Equal(24_003, blob.Length);
        Assert.Equal(1000, HistoryBlob.CountOf(blob));
        Assert.Equal(new HistoryEntry(1000, 1, 0, 1, 0), HistoryBlob.EntryAt(blob, 999));
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 1 })]
    [InlineData(new byte[] { 1, 0 })]
    [InlineData(new byte[] { 2, 0, 0 })]
    [InlineData(new byte[] { 0, 0, 0 })]
    public void Read_NotAHistoryBlob_FormatException(byte[] blob)
    {
        Assert.Throws<FormatException>(() => HistoryBlob.Read(blob));
    }

    [Fact]
    public void Read_CountDisagreesWithTheLength_FormatException()
    {
        var blob = HistoryBlob.Write(new ListeningHistory(Entries));

        Assert.Throws<FormatException>(() => HistoryBlob.Read(blob.AsSpan(0, blob.Length - 1)));
        Assert.Throws<FormatException>(() => HistoryBlob.Read([.. blob, 0]));
        Assert.Throws<FormatException>(() => HistoryBlob.CountOf([1, 1, 0]));
    }
}
