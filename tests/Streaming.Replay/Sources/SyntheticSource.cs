using Streaming.Catalog.Core.Building;

namespace Streaming.Replay.Sources;

/// <summary>
/// Sessions of the seeded synthetic world (<see cref="CatalogSourceLoader.SyntheticWorld"/>), the same world
/// the catalog build trains on with <c>--synthetic --seed N</c>: so track ids match and the catalog's vectors
/// saw only the warm-up part of these very users. Users are generated in order, so the first N users of
/// a larger world are the same users.
/// </summary>
public static class SyntheticSource
{
    /// <summary>Users the catalog build's synthetic world holds.</summary>
    public const int WorldUsers = 100;

    public static ReplayDataset Generate(int seed, int users, ITrackIds trackIds)
    {
        var (catalog, sessions, _) = CatalogSourceLoader.SyntheticWorld(seed, users: Math.Max(users, WorldUsers));
        var byUser = sessions.Plays
            .GroupBy(p => p.UserId, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Take(users)
            .Select(g => new ReplayUser(g.Key, g
                .Select(p => new ReplayPlay(trackIds.Canonical(p.TrackId), p.SessionId, p.OccurredAt, p.MsPlayed, p.DurationMs, p.IsPrivate))
                .ToArray()))
            .ToArray();
        var notes = new List<string>
        {
            $"track identity: {trackIds.Description}",
            "planted taste structure: genres, artists, zipfian popularity, taste-driven skips; 2% private plays (baselines do not learn from them)",
        };
        if (users > WorldUsers)
        {
            notes.Add($"users beyond the first {WorldUsers} were not in the catalog build's world: their warm-up parts did not train vectors");
        }
        return new ReplayDataset("synthetic",
            $"synthetic world seed {seed} ({users} users, {catalog.Tracks.Count:N0} tracks, {catalog.GenreNames.Count} genres)",
            byUser, notes);
    }
}
