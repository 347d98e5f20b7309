using Streaming.Catalog.Core;

namespace Streaming.Catalog.Tests;

/// <summary>Small hand-made snapshots for format, holder and API tests.</summary>
internal static class TestSnapshots
{
    public static readonly string[] Ids = ["0NlyILZaWZ2euUP7JMKgtF", "4uV1OGherrLYEGrKsL5UEX", "1R2wGs3SY5uGLmkN2v4ueu"];

    /// <summary>Three tracks; every vector component equals <paramref name="fill"/>-ish so readers can check consistency.</summary>
    public static CatalogSnapshot Create(string version, string spaceId = "space-a", int dims = 4, float fill = 0.5f)
    {
        var tracks = new[]
        {
            new CatalogTrack(Ids[0], "Tegan and Sara", "Back In Your Head - Morgan Page Remix", "Heartthrob", null, 12),
            new CatalogTrack(Ids[1], "Morgan Page", "Carry Me", null, "electronic", 7),
            new CatalogTrack(TrackIdentity.FromNames("Beyoncé", "Halo"), "Beyoncé", "Halo", null, null, 0),
        };
        var vectors = new float[tracks.Length * dims];
        var value = 1f / MathF.Sqrt(dims);
        for (var i = 0; i < dims * 2; i++)
        {
            vectors[i] = value * MathF.Sign(fill);
        }
        return new CatalogSnapshot(version, spaceId, dims, new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero),
            tracks, [true, true, false], vectors, [new TrackAlias(Ids[2], 1)],
            new Dictionary<string, string> { ["method"] = "test", ["fill"] = fill.ToString(System.Globalization.CultureInfo.InvariantCulture) });
    }

    public static string TempDirectory() => Directory.CreateTempSubdirectory("catalog-tests-").FullName;
}
