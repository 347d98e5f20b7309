using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Streaming.Catalog.Core;

/// <summary>
/// Reads and validates snapshots in <see cref="CatalogSnapshotFormat"/>. Any defect (truncation,
/// wrong magic or format version, bad counts, checksum mismatch, invalid rows) throws
/// <see cref="CatalogSnapshotFormatException"/> naming the file and byte position; nothing is
/// returned half-loaded.
/// </summary>
public static class CatalogSnapshotReader
{
    public static CatalogSnapshot Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (FileNotFoundException e)
        {
            throw new CatalogSnapshotFormatException(path, 0, "file not found", e);
        }
        return Read(bytes, path);
    }

    public static CatalogSnapshot Read(byte[] bytes, string sourceName)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Catalog snapshots are read on little-endian machines only.");
        }
        var minimum = CatalogSnapshotFormat.Magic.Length + 4 + CatalogSnapshotFormat.HashLength;
        if (bytes.Length < minimum)
        {
            throw new CatalogSnapshotFormatException(sourceName, bytes.Length, $"file is {bytes.Length} bytes, too short for a snapshot");
        }
        if (!bytes.AsSpan(0, CatalogSnapshotFormat.Magic.Length).SequenceEqual(CatalogSnapshotFormat.Magic))
        {
            throw new CatalogSnapshotFormatException(sourceName, 0, "not a catalog snapshot (magic 'STRMCATS' missing)");
        }
        var bodyLength = bytes.Length - CatalogSnapshotFormat.HashLength;
        var expectedHash = SHA256.HashData(bytes.AsSpan(0, bodyLength));
        if (!expectedHash.AsSpan().SequenceEqual(bytes.AsSpan(bodyLength)))
        {
            throw new CatalogSnapshotFormatException(sourceName, bodyLength, "SHA-256 checksum mismatch (file truncated or corrupted)");
        }

        using var stream = new MemoryStream(bytes, 0, bodyLength, writable: false);
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        try
        {
            stream.Position = CatalogSnapshotFormat.Magic.Length;
            var format = reader.ReadInt32();
            if (format != CatalogSnapshotFormat.FormatVersion && format != CatalogSnapshotFormat.FormatVersionWithoutAttachments)
            {
                throw Fail(stream, $"format version {format} is not supported (expected {CatalogSnapshotFormat.FormatVersionWithoutAttachments} or {CatalogSnapshotFormat.FormatVersion})");
            }
            var version = reader.ReadString();
            var spaceId = reader.ReadString();
            var createdAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.ReadInt64());
            var dimensions = reader.ReadInt32();
            var trackCount = reader.ReadInt32();
            var aliasCount = reader.ReadInt32();
            var propertyCount = reader.ReadInt32();
            if (dimensions is < 1 or > CatalogSnapshot.MaxDimensions)
            {
                throw Fail(stream, $"dimensions {dimensions} outside 1..{CatalogSnapshot.MaxDimensions}");
            }
            var remaining = bodyLength - stream.Position;
            if (trackCount < 0 || aliasCount < 0 || propertyCount < 0 || (long)trackCount * dimensions * 4 > remaining || aliasCount > remaining || propertyCount > remaining)
            {
                throw Fail(stream, $"counts do not fit the file (tracks {trackCount}, aliases {aliasCount}, properties {propertyCount})");
            }

            var properties = new Dictionary<string, string>(propertyCount, StringComparer.Ordinal);
            for (var i = 0; i < propertyCount; i++)
            {
                var key = reader.ReadString();
                properties[key] = reader.ReadString();
            }

            var tracks = new CatalogTrack[trackCount];
            for (var row = 0; row < trackCount; row++)
            {
                var id = reader.ReadString();
                if (!TrackIdentity.IsValidTrackId(id))
                {
                    throw Fail(stream, $"track row {row} has invalid id '{Truncate(id)}'");
                }
                var artist = reader.ReadString();
                var title = reader.ReadString();
                var flags = reader.ReadByte();
                if ((flags & ~(CatalogSnapshotFormat.FlagAlbum | CatalogSnapshotFormat.FlagGenre)) != 0)
                {
                    throw Fail(stream, $"track row {row} has unknown flags 0x{flags:x2}");
                }
                var album = (flags & CatalogSnapshotFormat.FlagAlbum) != 0 ? reader.ReadString() : null;
                var genre = (flags & CatalogSnapshotFormat.FlagGenre) != 0 ? reader.ReadString() : null;
                var popularity = reader.ReadInt32();
                tracks[row] = new CatalogTrack(id, artist, title, album, genre, popularity);
            }

            var bitmap = reader.ReadBytes((trackCount + 7) / 8);
            if (bitmap.Length != (trackCount + 7) / 8)
            {
                throw Fail(stream, "unexpected end of file in the vector bitmap");
            }
            var hasVector = new bool[trackCount];
            for (var row = 0; row < trackCount; row++)
            {
                hasVector[row] = (bitmap[row >> 3] & (1 << (row & 7))) != 0;
            }

            var aliases = new TrackAlias[aliasCount];
            for (var i = 0; i < aliasCount; i++)
            {
                aliases[i] = new TrackAlias(reader.ReadString(), reader.ReadInt32());
            }

            var attachments = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            if (format >= CatalogSnapshotFormat.FormatVersion)
            {
                var attachmentCount = reader.ReadInt32();
                if (attachmentCount < 0 || attachmentCount > bodyLength - stream.Position)
                {
                    throw Fail(stream, $"attachment count {attachmentCount} does not fit the file");
                }
                for (var i = 0; i < attachmentCount; i++)
                {
                    var name = reader.ReadString();
                    var length = reader.ReadInt32();
                    if (length < 0 || length > CatalogSnapshotFormat.MaxAttachmentBytes || length > bodyLength - stream.Position)
                    {
                        throw Fail(stream, $"attachment '{Truncate(name)}' length {length} does not fit the file");
                    }
                    if (!attachments.TryAdd(name, reader.ReadBytes(length)))
                    {
                        throw Fail(stream, $"attachment '{Truncate(name)}' occurs twice");
                    }
                }
            }

            ExpectMagic(reader, stream, sourceName, CatalogSnapshotFormat.VectorMagic, "vector block marker 'VECS'");
            var vectors = new float[(long)trackCount * dimensions];
            var vectorBytes = MemoryMarshal.AsBytes(vectors.AsSpan());
            if (stream.Read(vectorBytes) != vectorBytes.Length)
            {
                throw Fail(stream, "unexpected end of file in the vector block");
            }
            for (var i = 0; i < vectors.Length; i++)
            {
                if (!float.IsFinite(vectors[i]))
                {
                    throw new CatalogSnapshotFormatException(sourceName, stream.Position - vectorBytes.Length + (long)i * 4, $"vector value of row {i / dimensions} is not finite");
                }
            }
            ExpectMagic(reader, stream, sourceName, CatalogSnapshotFormat.EndMagic, "end marker 'SEND'");
            if (stream.Position != bodyLength)
            {
                throw Fail(stream, $"{bodyLength - stream.Position} unexpected bytes after the end marker");
            }

            try
            {
                return new CatalogSnapshot(version, spaceId, dimensions, createdAt, tracks, hasVector, vectors, aliases, properties, attachments);
            }
            catch (ArgumentException e)
            {
                throw new CatalogSnapshotFormatException(sourceName, stream.Position, e.Message, e);
            }
        }
        catch (EndOfStreamException e)
        {
            throw new CatalogSnapshotFormatException(sourceName, stream.Position, "unexpected end of file", e);
        }
        catch (FormatException e)
        {
            throw new CatalogSnapshotFormatException(sourceName, stream.Position, "malformed string", e);
        }

        CatalogSnapshotFormatException Fail(Stream s, string reason) => new(sourceName, s.Position, reason);
    }

    private static void ExpectMagic(BinaryReader reader, Stream stream, string sourceName, ReadOnlySpan<byte> magic, string what)
    {
        var at = stream.Position;
        var actual = reader.ReadBytes(magic.Length);
        if (!actual.AsSpan().SequenceEqual(magic))
        {
            throw new CatalogSnapshotFormatException(sourceName, at, $"{what} missing");
        }
    }

    private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "...";
}
