namespace Streaming.Catalog.Core;

/// <summary>
/// Binary layout of a snapshot file (all little-endian; strings are a 7-bit-encoded byte length
/// followed by UTF-8, as <see cref="BinaryWriter.Write(string)"/>):
/// <code>
/// magic        8 bytes  "STRMCATS"
/// format       int32    2 (1 is still read: no attachments)
/// version      string
/// spaceId      string
/// createdAt    int64    unix milliseconds
/// dimensions   int32
/// trackCount   int32
/// aliasCount   int32
/// propCount    int32
/// properties   propCount x (key string, value string)
/// tracks       trackCount x (id string, artist string, title string, flags byte [1=album, 2=genre],
///              [album string], [genre string], popularity int32)
/// hasVector    ceil(trackCount / 8) bytes, bit (row % 8) of byte (row / 8)
/// aliases      aliasCount x (aliasId string, row int32)
/// attachments  (format 2) attachmentCount int32, then attachmentCount x (name string, length int32, bytes),
///              names in ordinal order: named binary parts that travel with the version (the ranking model)
/// vectorMagic  4 bytes  "VECS"
/// vectors      trackCount x dimensions float32, row-major
/// endMagic     4 bytes  "SEND"
/// sha256       32 bytes over every byte before it
/// </code>
/// </summary>
public static class CatalogSnapshotFormat
{
    public const int FormatVersion = 2;

    /// <summary>The first format: no attachments. Still read, never written.</summary>
    public const int FormatVersionWithoutAttachments = 1;

    /// <summary>Largest attachment accepted (a ranking model is tens of KB).</summary>
    public const int MaxAttachmentBytes = 64 << 20;
    public static ReadOnlySpan<byte> Magic => "STRMCATS"u8;
    public static ReadOnlySpan<byte> VectorMagic => "VECS"u8;
    public static ReadOnlySpan<byte> EndMagic => "SEND"u8;
    public const int HashLength = 32;
    internal const byte FlagAlbum = 1;
    internal const byte FlagGenre = 2;
}
