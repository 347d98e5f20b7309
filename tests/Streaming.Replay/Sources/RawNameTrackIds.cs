namespace Streaming.Replay.Sources;

/// <summary>
/// Keys a track by its exact (artist, title) strings, as <c>next_track_baselines.py</c> does. Offline only:
/// the keys are not valid track ids, so nothing keyed this way is ever posted.
/// </summary>
public sealed class RawNameTrackIds : ITrackIds
{
    public static RawNameTrackIds Instance { get; } = new();

    public string Description => "exact (artist, title) names, as next_track_baselines.py";

    public string FromNames(string artist, string title) => string.Concat(artist, "\u001f", title);

    public string FromSpotifyUri(string uri) => uri;

    public string Canonical(string trackId) => trackId;
}
