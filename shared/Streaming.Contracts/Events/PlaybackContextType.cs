namespace Streaming.Contracts.Events;

/// <summary>Where the play came from. Wire names are lower-case.</summary>
public enum PlaybackContextType
{
    Unknown = 0,
    Playlist,
    Album,
    Artist,
    Radio,
    Search,
    Library,
    Autoplay,
}
