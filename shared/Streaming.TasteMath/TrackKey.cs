namespace Streaming.TasteMath;

/// <summary>
/// A track's 64-bit key in compact per-user structures (<see cref="ListeningHistory"/>): FNV-1a of its canonical
/// id. Stable across processes, versions and machines; never 0 (0 means "none"). With a million tracks the chance
/// that any two share a key is about 3 in 100 million.
/// </summary>
public static class TrackKey
{
    public const ulong None = 0;

    public static ulong Of(string trackId)
    {
        ArgumentNullException.ThrowIfNull(trackId);
        var hash = 14695981039346656037UL;
        foreach (var c in trackId)
        {
            // Track ids are ASCII (base62 or 'n:' + base32); a wider char still hashes both of its bytes.
            hash = (hash ^ (byte)c) * 1099511628211UL;
            if (c > 0xFF)
            {
                hash = (hash ^ (byte)(c >> 8)) * 1099511628211UL;
            }
        }
        return hash == None ? 1 : hash;
    }

    /// <summary>
    /// The key of an id given as UTF-8 bytes (a Redis reply), without making a string: equal to <see cref="Of(string)"/>
    /// of the decoded id. ASCII ids hash byte by byte; anything else is decoded first.
    /// </summary>
    public static ulong OfUtf8(ReadOnlySpan<byte> trackId)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in trackId)
        {
            if (b > 0x7F)
            {
                return Of(System.Text.Encoding.UTF8.GetString(trackId));
            }
            hash = (hash ^ b) * 1099511628211UL;
        }
        return hash == None ? 1 : hash;
    }
}
