using Streaming.Catalog.Core;
using Streaming.Catalog.Core.Hosting;

namespace Streaming.Catalog.Tests;

public class CatalogSnapshotFormatTests
{
    [Fact]
    public void WriteRead_RoundTrip_PreservesEverything()
    {
        var dir = TestSnapshots.TempDirectory();
        var original = TestSnapshots.Create("20250102T030405000Z");
        var path = CatalogSnapshotWriter.Write(original, dir);

        Assert.Equal(Path.Combine(dir, "catalog-20250102T030405000Z.snap"), path);
        Assert.Empty(Directory.GetFiles(dir, "*.tmp"));
        var read = CatalogSnapshotReader.Read(path);
        Assert.Equal(original.Version, read.Version);
        Assert.Equal(original.SpaceId, read.SpaceId);
        Assert.Equal(original.Dimensions, read.Dimensions);
        Assert.Equal(original.CreatedAt, read.CreatedAt);
        Assert.Equal(original.Tracks, read.Tracks);
        Assert.Equal(original.Aliases, read.Aliases);
        Assert.Equal(original.Properties, read.Properties);
        Assert.Equal(original.HasVectorFlags.ToArray(), read.HasVectorFlags.ToArray());
        Assert.Equal(original.Vectors.ToArray(), read.Vectors.ToArray());
        Assert.Equal(1, read.IndexOf(TestSnapshots.Ids[2]));
        Assert.Equal(1, read.IndexOfName("morgan page", "Carry Me (Radio Edit)"));
        Assert.Equal(2, read.IndexOf(TrackIdentity.FromNames("beyonce", "halo")));
        Assert.Equal(-1, read.IndexOf("nope"));
    }

    [Fact]
    public void WriteRead_Attachments_RoundTripByName()
    {
        var plain = TestSnapshots.Create("20250103T000000000Z");
        var model = Enumerable.Range(0, 1000).Select(i => (byte)(i * 7)).ToArray();
        var original = new CatalogSnapshot(plain.Version, plain.SpaceId, plain.Dimensions, plain.CreatedAt, plain.Tracks.ToArray(),
            plain.HasVectorFlags.ToArray(), plain.Vectors.ToArray(), plain.Aliases.ToArray(), plain.Properties,
            new Dictionary<string, byte[]> { [CatalogSnapshotAttachments.RankingModel] = model, ["empty"] = [] });
        using var stream = new MemoryStream();
        CatalogSnapshotWriter.WriteTo(original, stream);

        var read = CatalogSnapshotReader.Read(stream.ToArray(), "memory");

        Assert.Equal(model, read.Attachments[CatalogSnapshotAttachments.RankingModel]);
        Assert.Empty(read.Attachments["empty"]);
        Assert.Equal(2, read.Attachments.Count);
        Assert.Equal(original.Vectors.ToArray(), read.Vectors.ToArray());
    }

    [Fact]
    public void Read_FormatOneFile_ReadsWithoutAttachments()
    {
        var original = TestSnapshots.Create("20250104T000000000Z");
        using var stream = new MemoryStream();
        CatalogSnapshotWriter.WriteTo(original, stream);
        var bytes = stream.ToArray();
        // A format-1 file is a format-2 file without the attachment count (4 zero bytes just before "VECS").
        var vecs = bytes.AsSpan().IndexOf("VECS"u8);
        Assert.Equal(0, BitConverter.ToInt32(bytes, vecs - 4));
        var v1 = bytes[..(vecs - 4)].Concat(bytes[vecs..^CatalogSnapshotFormat.HashLength]).ToArray();
        BitConverter.GetBytes(CatalogSnapshotFormat.FormatVersionWithoutAttachments).CopyTo(v1, 8);
        v1 = [.. v1, .. System.Security.Cryptography.SHA256.HashData(v1)];

        var read = CatalogSnapshotReader.Read(v1, "v1");

        Assert.Empty(read.Attachments);
        Assert.Equal(original.Tracks, read.Tracks);
        Assert.Equal(original.Vectors.ToArray(), read.Vectors.ToArray());
    }

    [Fact]
    public void Read_AttachmentLongerThanFile_FailsNamingIt()
    {
        var plain = TestSnapshots.Create("20250105T000000000Z");
        var original = new CatalogSnapshot(plain.Version, plain.SpaceId, plain.Dimensions, plain.CreatedAt, plain.Tracks.ToArray(),
            plain.HasVectorFlags.ToArray(), plain.Vectors.ToArray(), plain.Aliases.ToArray(), plain.Properties,
            new Dictionary<string, byte[]> { ["model"] = [1, 2, 3] });
        using var stream = new MemoryStream();
        CatalogSnapshotWriter.WriteTo(original, stream);
        var bytes = stream.ToArray()[..^CatalogSnapshotFormat.HashLength];
        var at = bytes.AsSpan().IndexOf("VECS"u8) - 3 - 4;
        BitConverter.GetBytes(int.MaxValue).CopyTo(bytes, at);
        bytes = [.. bytes, .. System.Security.Cryptography.SHA256.HashData(bytes)];

        var error = Assert.Throws<CatalogSnapshotFormatException>(() => CatalogSnapshotReader.Read(bytes, "bad"));

        Assert.Contains("attachment 'model'", error.Message);
    }

    [Fact]
    public void Write_ExistingVersion_Refuses()
    {
        var dir = TestSnapshots.TempDirectory();
        CatalogSnapshotWriter.Write(TestSnapshots.Create("v1"), dir);
        Assert.Throws<IOException>(() => CatalogSnapshotWriter.Write(TestSnapshots.Create("v1"), dir));
    }

    [Fact]
    public void Read_FlippedByte_FailsWithChecksumNamingFile()
    {
        var dir = TestSnapshots.TempDirectory();
        var path = CatalogSnapshotWriter.Write(TestSnapshots.Create("v1"), dir);
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0xFF;
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<CatalogSnapshotFormatException>(() => CatalogSnapshotReader.Read(path));
        Assert.Contains(path, error.Message);
        Assert.Contains("checksum", error.Message);
    }

    [Fact]
    public void Read_Truncated_Fails()
    {
        var dir = TestSnapshots.TempDirectory();
        var path = CatalogSnapshotWriter.Write(TestSnapshots.Create("v1"), dir);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length - 10)]);
        var error = Assert.Throws<CatalogSnapshotFormatException>(() => CatalogSnapshotReader.Read(path));
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void Read_NotASnapshot_FailsOnMagicAtByteZero()
    {
        var path = Path.Combine(TestSnapshots.TempDirectory(), "catalog-x.snap");
        File.WriteAllText(path, "this is not a snapshot file, but it is long enough to pass the size check");
        var error = Assert.Throws<CatalogSnapshotFormatException>(() => CatalogSnapshotReader.Read(path));
        Assert.Equal(0, error.Position);
        Assert.Contains("magic", error.Message);
    }

    [Fact]
    public void Read_ValidChecksumButBadContent_FailsWithPosition()
    {
        // A structurally wrong body with a correct hash: the parser must still refuse it, with a position.
        using var stream = new MemoryStream();
        CatalogSnapshotWriter.WriteTo(TestSnapshots.Create("v1"), stream);
        var bytes = stream.ToArray();
        BitConverter.GetBytes(99).CopyTo(bytes, 8); // format version
        var body = bytes.AsSpan(0, bytes.Length - 32);
        System.Security.Cryptography.SHA256.HashData(body, bytes.AsSpan(bytes.Length - 32));

        var error = Assert.Throws<CatalogSnapshotFormatException>(() => CatalogSnapshotReader.Read(bytes, "memory"));
        Assert.Contains("format version 99", error.Message);
        Assert.Equal(12, error.Position);
    }

    [Fact]
    public void Store_ListsVersionsInOrder_AndFindsPrevious()
    {
        var dir = TestSnapshots.TempDirectory();
        var store = new CatalogSnapshotStore(dir);
        foreach (var v in new[] { "20250103T000000000Z", "20250101T000000000Z", "20250102T000000000Z" })
        {
            store.Save(TestSnapshots.Create(v));
        }
        File.WriteAllText(Path.Combine(dir, "unrelated.txt"), "x");

        Assert.Equal(["20250101T000000000Z", "20250102T000000000Z", "20250103T000000000Z"], store.ListVersions());
        Assert.Equal("20250103T000000000Z", store.NewestVersion());
        Assert.Equal("20250102T000000000Z", store.PreviousVersion("20250103T000000000Z"));
        Assert.Null(store.PreviousVersion("20250101T000000000Z"));
        Assert.Equal("20250102T000000000Z", store.Load("20250102T000000000Z").Version);
    }

    [Fact]
    public void Constructor_InvalidTrackId_Refuses()
    {
        var tracks = new[] { new CatalogTrack("not-an-id", "a", "b", null, null, 0) };
        Assert.Throws<ArgumentException>(() => new CatalogSnapshot("v1", "s", 2, DateTimeOffset.UnixEpoch, tracks, [false], new float[2]));
    }
}
