namespace Streaming.Catalog.Core.Synthetic;

/// <summary>
/// Seeded MPD-like playlists: each has a main genre (uniform) and takes a track from it with
/// probability <c>focus</c>, otherwise from a random genre; tracks by zipfian popularity, distinct.
/// </summary>
public static class SyntheticPlaylists
{
    public static IReadOnlyList<SyntheticPlaylist> Generate(
        SyntheticCatalog catalog, int count, int seed = 11, int minLength = 10, int maxLength = 40, double focus = 0.85)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var random = new SeededRandom(seed);
        var genres = catalog.GenreNames.Count;
        var cumulativeByGenre = Enumerable.Range(0, genres)
            .Select(g => SyntheticSessions.Cumulative(catalog.TrackIndicesOfGenre(g).Select(i => catalog.Tracks[i].PopularityWeight).ToArray()))
            .ToArray();
        var playlists = new List<SyntheticPlaylist>(count);
        for (var pid = 0; pid < count; pid++)
        {
            var main = random.Next(genres);
            var length = random.Next(minLength, maxLength + 1);
            var chosen = new List<string>(length);
            var seen = new HashSet<int>();
            for (var attempts = 0; chosen.Count < length && attempts < length * 10; attempts++)
            {
                var genre = random.Chance(focus) ? main : random.Next(genres);
                var index = catalog.TrackIndicesOfGenre(genre)[random.FromCumulative(cumulativeByGenre[genre])];
                if (seen.Add(index))
                {
                    chosen.Add(catalog.Tracks[index].Id);
                }
            }
            playlists.Add(new SyntheticPlaylist(pid, $"{catalog.GenreNames[main]} mix {pid}", chosen.ToArray()));
        }
        return playlists;
    }
}
