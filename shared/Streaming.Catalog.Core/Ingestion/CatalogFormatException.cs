namespace Streaming.Catalog.Core.Ingestion;

/// <summary>A malformed input file; the message names the file, line and byte offset.</summary>
public sealed class CatalogFormatException(string filePath, long line, long bytePosition, string reason, Exception? inner = null)
    : IOException($"{filePath}: line {line}, byte {bytePosition}: {reason}", inner)
{
    public string FilePath { get; } = filePath;

    /// <summary>1-based line.</summary>
    public long Line { get; } = line;

    /// <summary>0-based byte offset from the start of the file.</summary>
    public long BytePosition { get; } = bytePosition;

    public string Reason { get; } = reason;
}
