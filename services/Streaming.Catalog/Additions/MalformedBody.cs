namespace Streaming.Catalog.Additions;

/// <summary>Why a body is not a batch of tracks at all (400): JSON syntax (with the position, 0-based) or the wrong shape.</summary>
public sealed record MalformedBody(string Detail, long? LineNumber = null, long? BytePositionInLine = null, string? Path = null);
