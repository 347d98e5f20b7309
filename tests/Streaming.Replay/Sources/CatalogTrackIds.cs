using Streaming.Catalog.Core;

namespace Streaming.Replay.Sources;

/// <summary>
/// Catalog track ids: with a snapshot, names resolve through its name index and ids through its alias
/// table to the canonical id; without one (or for unknown tracks) the name-derived id of
/// <see cref="TrackIdentity.FromNames"/> and the bare Spotify id are used.
/// </summary>
public sealed class CatalogTrackIds(CatalogSnapshot? snapshot) : ITrackIds
{
    private readonly Dictionary<string, string> _byNames = new(StringComparer.Ordinal);

    public string Description => snapshot is null
        ? "catalog ids derived from names (TrackIdentity.FromNames), no snapshot"
        : $"catalog snapshot {snapshot.Version} ({snapshot.Count:N0} tracks), name-derived ids for unknown names";

    public string FromNames(string artist, string title)
    {
        var key = string.Concat(artist, "\u001f", title);
        if (_byNames.TryGetValue(key, out var id))
        {
            return id;
        }
        var row = snapshot?.IndexOfName(artist, title) ?? -1;
        id = row >= 0 ? snapshot!.Tracks[row].Id : TrackIdentity.FromNames(artist, title);
        _byNames[key] = id;
        return id;
    }

    public string FromSpotifyUri(string uri) => Canonical(TrackIdentity.FromSpotifyUri(uri));

    public string Canonical(string trackId)
    {
        var row = snapshot?.IndexOf(trackId) ?? -1;
        return row >= 0 ? snapshot!.Tracks[row].Id : trackId;
    }
}
