namespace Streaming.Contracts.Events;

/// <summary>The playback context: its type and, when the player knows it, the playlist/album/artist id.</summary>
public sealed record PlaybackContext(PlaybackContextType Type, string? Id = null)
{
    public static PlaybackContext None { get; } = new(PlaybackContextType.Unknown);
}
