using Streaming.Catalog.Core;
using Streaming.Catalog.Core.Synthetic;

namespace Streaming.Benchmarks.Recommender;

/// <summary>The synthetic catalog of the bench and its snapshot (vectors = the planted latent vectors).</summary>
internal static class BenchCatalog
{
    public static SyntheticCatalog Generate(int tracks, int dims, int seed)
    {
        // 10 tracks per artist, 300 artists per genre: 150k tracks = 50 genres.
        const int tracksPerArtist = 10, artistsPerGenre = 300;
        var genres = Math.Max(1, (int)Math.Ceiling(tracks / (double)(tracksPerArtist * artistsPerGenre)));
        return SyntheticCatalog.Generate(new SyntheticCatalogOptions
        {
            Seed = seed,
            Genres = genres,
            ArtistsPerGenre = artistsPerGenre,
            TracksPerArtist = tracksPerArtist,
            LatentDimensions = dims,
        });
    }

    public static CatalogSnapshot Snapshot(SyntheticCatalog catalog, string version, IReadOnlyDictionary<string, byte[]>? attachments = null)
    {
        var dims = catalog.Options.LatentDimensions;
        var rows = new CatalogTrack[catalog.Tracks.Count];
        var vectors = new float[rows.Length * dims];
        for (var i = 0; i < rows.Length; i++)
        {
            var t = catalog.Tracks[i];
            rows[i] = new CatalogTrack(t.Id, t.Artist, t.Title, t.Album, t.Genre, (int)Math.Round(t.PopularityWeight * 1000));
            t.Latent.CopyTo(vectors, i * dims);
        }
        return new CatalogSnapshot(version, "bench-" + catalog.Options.Seed, dims, DateTimeOffset.UtcNow, rows,
            Enumerable.Repeat(true, rows.Length).ToArray(), vectors, attachments: attachments);
    }
}
