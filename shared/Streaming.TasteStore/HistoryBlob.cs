using System.Buffers.Binary;
using Streaming.TasteMath;

namespace Streaming.TasteStore;

/// <summary>
/// Binary form of a <see cref="ListeningHistory"/> (little-endian), entries in any order:
/// <code>
/// 0   format   byte     1
/// 1   count    uint16   entries
/// 3   entries  count x 24 bytes: track uint64, plays uint16, skips uint16, lastSeconds uint32, next uint64
/// </code>
/// 1,000 entries take 24,003 bytes.
/// </summary>
public static class HistoryBlob
{
    public const byte Format = 1;
    public const int HeaderLength = 3;
    public const int EntryLength = 24;

    public static int SizeOf(int entries) => HeaderLength + entries * EntryLength;

    public static byte[] Write(ListeningHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var entries = history.Entries;
        if (entries.Count > ushort.MaxValue)
        {
            throw new ArgumentException($"{entries.Count} history entries do not fit the blob format.", nameof(history));
        }
        var bytes = new byte[SizeOf(entries.Count)];
        var span = bytes.AsSpan();
        span[0] = Format;
        BinaryPrimitives.WriteUInt16LittleEndian(span[1..], (ushort)entries.Count);
        var at = HeaderLength;
        foreach (var e in entries)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(span[at..], e.Track);
            BinaryPrimitives.WriteUInt16LittleEndian(span[(at + 8)..], e.Plays);
            BinaryPrimitives.WriteUInt16LittleEndian(span[(at + 10)..], e.Skips);
            BinaryPrimitives.WriteUInt32LittleEndian(span[(at + 12)..], e.LastSeconds);
            BinaryPrimitives.WriteUInt64LittleEndian(span[(at + 16)..], e.Next);
            at += EntryLength;
        }
        return bytes;
    }

    /// <summary>Number of entries in a blob, after checking its header and length.</summary>
    /// <exception cref="FormatException">The bytes are not a history blob of a known format.</exception>
    public static int CountOf(ReadOnlySpan<byte> blob)
    {
        if (blob.Length < HeaderLength || blob[0] != Format)
        {
            throw new FormatException($"Not a listening-history blob (length {blob.Length}, format {(blob.IsEmpty ? -1 : blob[0])}).");
        }
        int count = BinaryPrimitives.ReadUInt16LittleEndian(blob[1..]);
        if (blob.Length != SizeOf(count))
        {
            throw new FormatException($"History blob of {count} entries has {blob.Length} bytes, expected {SizeOf(count)}.");
        }
        return count;
    }

    /// <summary>Entry <paramref name="index"/> of a blob whose length <see cref="CountOf"/> checked (no allocation).</summary>
    public static HistoryEntry EntryAt(ReadOnlySpan<byte> blob, int index)
    {
        var e = blob.Slice(HeaderLength + index * EntryLength, EntryLength);
        return new HistoryEntry(
            BinaryPrimitives.ReadUInt64LittleEndian(e),
            BinaryPrimitives.ReadUInt16LittleEndian(e[8..]),
            BinaryPrimitives.ReadUInt16LittleEndian(e[10..]),
            BinaryPrimitives.ReadUInt32LittleEndian(e[12..]),
            BinaryPrimitives.ReadUInt64LittleEndian(e[16..]));
    }

    /// <exception cref="FormatException">The bytes are not a history blob of a known format.</exception>
    public static ListeningHistory Read(ReadOnlySpan<byte> blob)
    {
        var count = CountOf(blob);
        var entries = new HistoryEntry[count];
        for (var i = 0; i < count; i++)
        {
            entries[i] = EntryAt(blob, i);
        }
        return new ListeningHistory(entries);
    }
}
