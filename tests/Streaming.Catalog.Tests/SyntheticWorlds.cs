using Streaming.Catalog.Core;
using Streaming.Catalog.Core.Building;
using Streaming.Catalog.Core.Embeddings;
using Streaming.Catalog.Core.Synthetic;

namespace Streaming.Catalog.Tests;

internal static class SyntheticWorlds
{
    public static (SyntheticCatalog Catalog, CatalogSources Sources) Small(int seed = 5)
    {
        var catalog = SyntheticCatalog.Generate(new SyntheticCatalogOptions { Seed = seed, Genres = 8, ArtistsPerGenre = 6, TracksPerArtist = 8 });
        var sessions = SyntheticSessions.Generate(catalog, new SyntheticSessionOptions { Seed = seed + 1, Users = 40, SessionsPerUser = 15 });
        var playlists = SyntheticPlaylists.Generate(catalog, 600, seed + 2);
        return (catalog, CatalogSourceLoader.FromSynthetic(catalog, sessions, playlists));
    }

    public static CatalogBuildOptions Options(int dims = 24, int holdout = 60, int seed = 1) => new()
    {
        Embedding = new EmbeddingOptions { Dimensions = dims, Seed = seed },
        HoldoutPlaylists = holdout,
        Version = "v-test-" + seed,
    };

    /// <summary>Share of the top-k neighbours (by dot product, among rows with vectors) that have the same genre.</summary>
    public static double SameGenreShare(CatalogSnapshot snapshot, IEnumerable<int> queryRows, Func<int, bool> candidate, int k = 10)
    {
        var same = 0;
        var total = 0;
        foreach (var q in queryRows)
        {
            var query = snapshot.VectorOf(q).ToArray();
            var neighbours = Enumerable.Range(0, snapshot.Count)
                .Where(r => r != q && snapshot.HasVector(r) && candidate(r))
                .OrderByDescending(r => System.Numerics.Tensors.TensorPrimitives.Dot(snapshot.VectorOf(r), query))
                .Take(k);
            foreach (var r in neighbours)
            {
                total++;
                same += snapshot.Tracks[r].Genre == snapshot.Tracks[q].Genre ? 1 : 0;
            }
        }
        return (double)same / Math.Max(1, total);
    }
}
