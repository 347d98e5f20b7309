namespace Streaming.Catalog.Core;

/// <summary>A snapshot file that cannot be read; the message names the file and byte position.</summary>
public sealed class CatalogSnapshotFormatException(string path, long position, string reason, Exception? inner = null)
    : IOException($"Catalog snapshot '{path}' is invalid at byte {position}: {reason}", inner)
{
    public string FilePath { get; } = path;

    public long Position { get; } = position;
}
