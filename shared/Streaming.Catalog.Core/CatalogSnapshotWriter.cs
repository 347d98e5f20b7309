using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Streaming.Catalog.Core;

/// <summary>Writes snapshots in <see cref="CatalogSnapshotFormat"/>: temp file, flush, then atomic rename.</summary>
public static class CatalogSnapshotWriter
{
    /// <summary>Writes <c>catalog-{version}.snap</c> into <paramref name="directory"/> and returns its path.</summary>
    /// <param name="formatVersion">
    /// <see cref="CatalogSnapshotFormat.FormatVersion"/>; <see cref="CatalogSnapshotFormat.FormatVersionWithoutAttachments"/> for readers
    /// older than attachments (an A/B bench against an earlier build), refused when the snapshot has attachments.
    /// </param>
    public static string Write(CatalogSnapshot snapshot, string directory, int formatVersion = CatalogSnapshotFormat.FormatVersion)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        Directory.CreateDirectory(directory);
        var finalPath = Path.Combine(directory, snapshot.FileName);
        if (File.Exists(finalPath))
        {
            throw new IOException($"Snapshot '{finalPath}' already exists: versions are immutable.");
        }
        var tempPath = Path.Combine(directory, $".{snapshot.FileName}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var file = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                WriteTo(snapshot, file, formatVersion);
                file.Flush(flushToDisk: true);
            }
            File.Move(tempPath, finalPath, overwrite: false);
        }
        finally
        {
            if (File.Exists(tempPath))
            {
                File.Delete(tempPath);
            }
        }
        return finalPath;
    }

    /// <summary>Writes the snapshot bytes, including the trailing SHA-256, to a stream.</summary>
    public static void WriteTo(CatalogSnapshot snapshot, Stream destination, int formatVersion = CatalogSnapshotFormat.FormatVersion)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (formatVersion is not (CatalogSnapshotFormat.FormatVersion or CatalogSnapshotFormat.FormatVersionWithoutAttachments)
            || (formatVersion == CatalogSnapshotFormat.FormatVersionWithoutAttachments && snapshot.Attachments.Count > 0))
        {
            throw new ArgumentException($"Format {formatVersion} cannot hold this snapshot ({snapshot.Attachments.Count} attachments).", nameof(formatVersion));
        }
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Catalog snapshots are written on little-endian machines only.");
        }
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var hashing = new HashingWriteStream(destination, hash);
        using (var writer = new BinaryWriter(hashing, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(CatalogSnapshotFormat.Magic);
            writer.Write(formatVersion);
            writer.Write(snapshot.Version);
            writer.Write(snapshot.SpaceId);
            writer.Write(snapshot.CreatedAt.ToUnixTimeMilliseconds());
            writer.Write(snapshot.Dimensions);
            writer.Write(snapshot.Count);
            writer.Write(snapshot.Aliases.Count);
            writer.Write(snapshot.Properties.Count);
            foreach (var (key, value) in snapshot.Properties.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                writer.Write(key);
                writer.Write(value);
            }
            foreach (var track in snapshot.Tracks)
            {
                writer.Write(track.Id);
                writer.Write(track.Artist);
                writer.Write(track.Title);
                var flags = (byte)((track.Album is null ? 0 : CatalogSnapshotFormat.FlagAlbum) | (track.Genre is null ? 0 : CatalogSnapshotFormat.FlagGenre));
                writer.Write(flags);
                if (track.Album is not null)
                {
                    writer.Write(track.Album);
                }
                if (track.Genre is not null)
                {
                    writer.Write(track.Genre);
                }
                writer.Write(track.Popularity);
            }
            var bitmap = new byte[(snapshot.Count + 7) / 8];
            var flagsSpan = snapshot.HasVectorFlags;
            for (var row = 0; row < flagsSpan.Length; row++)
            {
                if (flagsSpan[row])
                {
                    bitmap[row >> 3] |= (byte)(1 << (row & 7));
                }
            }
            writer.Write(bitmap);
            foreach (var alias in snapshot.Aliases)
            {
                writer.Write(alias.AliasId);
                writer.Write(alias.Row);
            }
            if (formatVersion >= CatalogSnapshotFormat.FormatVersion)
            {
                writer.Write(snapshot.Attachments.Count);
                foreach (var (name, bytes) in snapshot.Attachments.OrderBy(a => a.Key, StringComparer.Ordinal))
                {
                    writer.Write(name);
                    writer.Write(bytes.Length);
                    writer.Write(bytes);
                }
            }
            writer.Write(CatalogSnapshotFormat.VectorMagic);
            writer.Flush();
            hashing.Write(MemoryMarshal.AsBytes(snapshot.Vectors));
            writer.Write(CatalogSnapshotFormat.EndMagic);
        }
        hashing.Flush();
        destination.Write(hash.GetHashAndReset());
    }

    /// <summary>Forwards writes to the destination and feeds them to the hash.</summary>
    private sealed class HashingWriteStream(Stream inner, IncrementalHash hash) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            hash.AppendData(buffer);
            inner.Write(buffer);
        }
    }
}
