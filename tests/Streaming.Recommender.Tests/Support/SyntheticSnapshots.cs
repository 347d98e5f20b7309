using Streaming.Catalog.Core;
using Streaming.Catalog.Core.Synthetic;

namespace Streaming.Recommender.Tests.Support;

/// <summary>A catalog snapshot whose vectors are the synthetic catalog's ground-truth latents (planted genres).</summary>
internal static class SyntheticSnapshots
{
    public static readonly SyntheticCatalog Catalog = SyntheticCatalog.Generate(new SyntheticCatalogOptions
    {
        Seed = 42,
        Genres = 8,
        ArtistsPerGenre = 10,
        TracksPerArtist = 10,
        LatentDimensions = 16,
    });

    /// <param name="rotate">Sign-flips every vector: a "retrained" catalog of another space (same ids, different basis).</param>
    public static CatalogSnapshot Create(string version, string spaceId = "synthetic-42", bool rotate = false)
    {
        var tracks = Catalog.Tracks;
        var dims = Catalog.Options.LatentDimensions;
        var rows = new CatalogTrack[tracks.Count];
        var vectors = new float[tracks.Count * dims];
        for (var i = 0; i < tracks.Count; i++)
        {
            var t = tracks[i];
            rows[i] = new CatalogTrack(t.Id, t.Artist, t.Title, t.Album, t.Genre, (int)Math.Round(t.PopularityWeight * 1000));
            for (var d = 0; d < dims; d++)
            {
                vectors[i * dims + d] = rotate ? -t.Latent[d] : t.Latent[d];
            }
        }
        return new CatalogSnapshot(version, spaceId, dims, DateTimeOffset.UtcNow, rows, Enumerable.Repeat(true, rows.Length).ToArray(), vectors);
    }

    public static string GenreOf(string trackId) => Catalog.Tracks[Catalog.IndexOf(trackId)].Genre;

    public static IReadOnlyList<string> TracksOfGenre(int genre) =>
        Catalog.TrackIndicesOfGenre(genre).Select(i => Catalog.Tracks[i].Id).ToArray();

    /// <summary>The ids of a genre's tracks, most popular first (deterministic).</summary>
    public static IReadOnlyList<string> PopularTracksOfGenre(int genre) =>
        Catalog.TrackIndicesOfGenre(genre)
            .OrderByDescending(i => Catalog.Tracks[i].PopularityWeight)
            .ThenBy(i => i)
            .Select(i => Catalog.Tracks[i].Id)
            .ToArray();
}
