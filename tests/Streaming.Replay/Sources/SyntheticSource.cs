using Streaming.Catalog.Core.Synthetic;

namespace Streaming.Replay.Sources;

/// <summary>
/// Sessions from <see cref="SyntheticSessions"/> over the seeded <see cref="SyntheticCatalog"/> (the catalog
/// service builds the same catalog from the same seed, so track ids match).
/// </summary>
public static class SyntheticSource
{
    public static ReplayDataset Generate(int catalogSeed, int users, int sessionSeed, ITrackIds trackIds)
    {
        var catalog = SyntheticCatalog.Generate(new SyntheticCatalogOptions { Seed = catalogSeed });
        var sessions = SyntheticSessions.Generate(catalog, new SyntheticSessionOptions { Seed = sessionSeed, Users = users });
        var byUser = sessions.Plays
            .GroupBy(p => p.UserId, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ReplayUser(g.Key, g
                .Select(p => new ReplayPlay(trackIds.Canonical(p.TrackId), p.SessionId, p.OccurredAt, p.MsPlayed, p.DurationMs, p.IsPrivate))
                .ToArray()))
            .ToArray();
        return new ReplayDataset("synthetic",
            $"SyntheticSessions (catalog seed {catalogSeed}, session seed {sessionSeed}, {users} users, {catalog.Tracks.Count:N0} tracks)",
            byUser,
            [$"track identity: {trackIds.Description}", "planted taste structure: genres, artists, zipfian popularity, taste-driven skips"]);
    }
}
