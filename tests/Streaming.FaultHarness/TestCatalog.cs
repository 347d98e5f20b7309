using Streaming.Catalog.Core;
using Streaming.Catalog.Core.Synthetic;

namespace Streaming.FaultHarness;

/// <summary>A small snapshot from the synthetic catalog (latent vectors as embeddings; every 20th track without a vector), written to a temp folder.</summary>
public sealed class TestCatalog : IDisposable
{
    public const string SpaceId = "space-test";

    public TestCatalog(int seed = 42)
    {
        Synthetic = SyntheticCatalog.Generate(new SyntheticCatalogOptions { Seed = seed, Genres = 6, ArtistsPerGenre = 5, TracksPerArtist = 6, LatentDimensions = 16 });
        var dims = Synthetic.Options.LatentDimensions;
        var tracks = Synthetic.Tracks;
        var vectors = new float[tracks.Count * dims];
        var has = new bool[tracks.Count];
        for (var i = 0; i < tracks.Count; i++)
        {
            has[i] = i % 20 != 7;
            if (has[i])
            {
                tracks[i].Latent.CopyTo(vectors.AsSpan(i * dims, dims));
            }
        }
        Snapshot = new CatalogSnapshot("v1", SpaceId, dims, new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero),
            tracks.Select(t => new CatalogTrack(t.Id, t.Artist, t.Title, t.Album, t.Genre, 1)).ToArray(), has, vectors);
        Directory = System.IO.Directory.CreateTempSubdirectory("taste-catalog-").FullName;
        CatalogSnapshotWriter.Write(Snapshot, Directory);
    }

    public SyntheticCatalog Synthetic { get; }

    public CatalogSnapshot Snapshot { get; }

    public string Directory { get; }

    public ReadOnlyMemory<float> VectorOf(string trackId)
    {
        var row = Snapshot.IndexOf(trackId);
        return row >= 0 && Snapshot.HasVector(row) ? Snapshot.VectorOf(row).ToArray() : ReadOnlyMemory<float>.Empty;
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
