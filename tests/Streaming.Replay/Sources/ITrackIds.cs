namespace Streaming.Replay.Sources;

/// <summary>How a source turns names or Spotify uris into the track keys the replay posts and scores.</summary>
public interface ITrackIds
{
    /// <summary>Short description for the report.</summary>
    string Description { get; }

    string FromNames(string artist, string title);

    string FromSpotifyUri(string uri);

    /// <summary>The canonical form of an id a service returned (aliases resolved), for comparison with targets.</summary>
    string Canonical(string trackId);
}
