using Streaming.Catalog.Core.Ingestion;
using Streaming.Catalog.Core.Synthetic;

namespace Streaming.Catalog.Core.Building;

/// <summary>Turns real data folders or the synthetic generators into <see cref="CatalogSources"/>.</summary>
public static class CatalogSourceLoader
{
    /// <summary>
    /// Reads a data folder laid out like <c>../shared/data</c>: <c>mpd/mpd.slice.*.json</c>,
    /// <c>streaming-history/&lt;user&gt;/StreamingHistory*.json</c>, <c>audio-features/*.csv</c>.
    /// Missing folders are empty sources; a malformed file fails the whole load.
    /// </summary>
    public static CatalogSources FromDataDirectory(string root)
    {
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"Data folder '{root}' does not exist.");
        }
        var mpd = Path.Combine(root, "mpd");
        var playlists = Directory.Exists(mpd) ? MpdSliceReader.ReadDirectory(mpd) : [];

        var historyRoot = Path.Combine(root, "streaming-history");
        var histories = new Dictionary<string, IReadOnlyList<ListeningPlay>>(StringComparer.Ordinal);
        if (Directory.Exists(historyRoot))
        {
            foreach (var (user, plays) in StreamingHistoryReader.ReadRoot(historyRoot))
            {
                histories[user] = plays.Select(p => new ListeningPlay(user, p.EndTime, p.TrackId, p.ArtistName, p.TrackName, p.MsPlayed)).ToArray();
            }
        }

        var featureRoot = Path.Combine(root, "audio-features");
        var features = new Dictionary<string, AudioFeatureRow>(StringComparer.Ordinal);
        if (Directory.Exists(featureRoot))
        {
            foreach (var file in Directory.GetFiles(featureRoot, "*.csv").Order(StringComparer.Ordinal))
            {
                foreach (var row in AudioFeatureCsvReader.ReadFile(file))
                {
                    // Prefer a row that carries names (liked_songs.csv) over a bare feature row.
                    if (!features.TryGetValue(row.TrackId, out var existing) || (existing.TrackName is null && row.TrackName is not null))
                    {
                        features[row.TrackId] = row;
                    }
                }
            }
        }
        return new CatalogSources(playlists, histories, features.Values.OrderBy(r => r.TrackId, StringComparer.Ordinal).ToArray())
        {
            Description = $"data:{Path.GetFullPath(root)} (mpd playlists {playlists.Count}, history users {histories.Count}, audio features {features.Count})",
        };
    }

    /// <summary>Sources from the seeded generators: playlists, sessions (by track id) and audio features.</summary>
    public static CatalogSources FromSynthetic(SyntheticCatalog catalog, SyntheticSessions sessions, IReadOnlyList<SyntheticPlaylist> playlists)
    {
        var byId = catalog.Tracks.ToDictionary(t => t.Id, StringComparer.Ordinal);
        var mpd = playlists.Select(p => new MpdPlaylist(p.Pid, p.Name, 0,
            p.TrackIds.Select(id => new MpdTrack(id, byId[id].Artist, byId[id].Title, byId[id].Album)).ToArray())).ToArray();
        var histories = sessions.Plays
            .GroupBy(p => p.UserId, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => (IReadOnlyList<ListeningPlay>)g.Select(p => new ListeningPlay(p.UserId, p.OccurredAt, p.TrackId, p.Artist, p.Title, p.MsPlayed, p.SessionId, p.IsPrivate)).ToArray(),
                StringComparer.Ordinal);
        var features = catalog.Tracks.Select(t => new AudioFeatureRow(t.Id, t.Artist, t.Title, t.Album, t.AudioFeatures)).ToArray();
        return new CatalogSources(mpd, histories, features)
        {
            Genres = catalog.Tracks.ToDictionary(t => t.Id, t => t.Genre, StringComparer.Ordinal),
            Description = $"synthetic:seed={catalog.Options.Seed} (genres {catalog.GenreNames.Count}, tracks {catalog.Tracks.Count}, users {sessions.Users.Count}, playlists {playlists.Count})",
        };
    }

    /// <summary>The default synthetic world of a seed (used by the CLI's --synthetic and by tests).</summary>
    public static (SyntheticCatalog Catalog, SyntheticSessions Sessions, IReadOnlyList<SyntheticPlaylist> Playlists) SyntheticWorld(
        int seed, int genres = 12, int users = 100, int playlists = 1500)
    {
        var catalog = SyntheticCatalog.Generate(new SyntheticCatalogOptions { Seed = seed, Genres = genres });
        var sessions = SyntheticSessions.Generate(catalog, new SyntheticSessionOptions { Seed = seed + 1, Users = users });
        var lists = SyntheticPlaylists.Generate(catalog, playlists, seed + 2);
        return (catalog, sessions, lists);
    }
}
