namespace Streaming.Catalog.Additions;

/// <summary>Limits of <c>POST /v1/catalog/tracks</c>.</summary>
public static class TrackAdditionLimits
{
    public const int MaxTracksPerRequest = 1000;

    /// <summary>Artist, title, album and genre, in UTF-16 characters.</summary>
    public const int MaxNameLength = 512;

    /// <summary>1000 tracks with every name at its limit fit; anything larger is not a batch of tracks.</summary>
    public const int MaxRequestBodyBytes = 8 << 20;
}
