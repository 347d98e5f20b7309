using Streaming.Catalog.Core;

namespace Streaming.Catalog.Tests;

public class CatalogSnapshotAppendTests
{
    private static readonly CatalogTrack NewRelease = new("7ouMYWpwJ422jRcDASZB7P", "Gracie Abrams", "That's So True", "The Secret of Us", "pop", 0);

    [Fact]
    public void Append_NewTracks_ExistingRowsUnchangedAndNewRowsVectorless()
    {
        var base_ = WithAttachment(TestSnapshots.Create("20250101T000000000Z"));
        var alias = new TrackAlias("3n3Ppam7vgaVa1iaRUc9Lp", base_.Count);

        var appended = base_.Append("20250101T000000001Z", new DateTimeOffset(2025, 1, 1, 0, 0, 0, 1, TimeSpan.Zero), [NewRelease], [alias]);

        Assert.Equal(base_.SpaceId, appended.SpaceId);
        Assert.Equal(base_.Dimensions, appended.Dimensions);
        Assert.Equal(base_.Count + 1, appended.Count);
        Assert.Equal(base_.Tracks, appended.Tracks.Take(base_.Count));
        Assert.Equal(base_.HasVectorFlags.ToArray(), appended.HasVectorFlags[..base_.Count].ToArray());
        Assert.Equal(base_.Vectors.ToArray(), appended.Vectors[..(base_.Count * base_.Dimensions)].ToArray());
        Assert.Equal(base_.VectorCount, appended.VectorCount);
        Assert.Equal(base_.Aliases, appended.Aliases.Take(base_.Aliases.Count));
        Assert.Equal(base_.Attachments["model"], appended.Attachments["model"]);

        var row = appended.IndexOf(NewRelease.Id);
        Assert.Equal(base_.Count, row);
        Assert.False(appended.HasVector(row));
        Assert.All(appended.VectorOf(row).ToArray(), v => Assert.Equal(0f, v));
        Assert.Equal(0, appended.Tracks[row].Popularity);
        Assert.Equal(row, appended.IndexOf(alias.AliasId));
        Assert.Equal(row, appended.IndexOfName("gracie abrams", "That's So True"));

        foreach (var (key, value) in base_.Properties)
        {
            Assert.Equal(value, appended.Properties[key]);
        }
        Assert.Equal("20250101T000000000Z", appended.Properties[CatalogSnapshotProperties.AppendedFrom]);
        Assert.Equal("1", appended.Properties[CatalogSnapshotProperties.AppendedTracks]);
        Assert.Equal("1", appended.Properties[CatalogSnapshotProperties.AppendedAliases]);
    }

    [Fact]
    public void Append_WriteRead_RoundTripsWithAttachmentsAndProperties()
    {
        var dir = TestSnapshots.TempDirectory();
        var appended = WithAttachment(TestSnapshots.Create("20250101T000000000Z"))
            .Append("20250102T000000000Z", new DateTimeOffset(2025, 1, 2, 0, 0, 0, TimeSpan.Zero), [NewRelease]);

        var read = CatalogSnapshotReader.Read(CatalogSnapshotWriter.Write(appended, dir));

        Assert.Equal(appended.Version, read.Version);
        Assert.Equal(appended.SpaceId, read.SpaceId);
        Assert.Equal(appended.CreatedAt, read.CreatedAt);
        Assert.Equal(appended.Tracks, read.Tracks);
        Assert.Equal(appended.Aliases, read.Aliases);
        Assert.Equal(appended.Properties, read.Properties);
        Assert.Equal(appended.HasVectorFlags.ToArray(), read.HasVectorFlags.ToArray());
        Assert.Equal(appended.Vectors.ToArray(), read.Vectors.ToArray());
        Assert.Equal(appended.Attachments.Keys.Order(), read.Attachments.Keys.Order());
        Assert.Equal(appended.Attachments["model"], read.Attachments["model"]);
        Assert.Equal(3, read.IndexOf(NewRelease.Id));
    }

    [Fact]
    public void Append_IdAlreadyPresent_Throws()
    {
        var base_ = TestSnapshots.Create("20250101T000000000Z");
        var again = new CatalogTrack(TestSnapshots.Ids[2], "Someone", "Else", null, null, 0); // an alias of row 1

        Assert.Throws<ArgumentException>(() => base_.Append("20250102T000000000Z", DateTimeOffset.UnixEpoch, [again]));
    }

    [Fact]
    public void Append_NonZeroPopularity_Throws()
    {
        var base_ = TestSnapshots.Create("20250101T000000000Z");

        Assert.Throws<ArgumentException>(() => base_.Append("20250102T000000000Z", DateTimeOffset.UnixEpoch, [NewRelease with { Popularity = 3 }]));
    }

    [Fact]
    public void NextVersion_ClockPastNewest_VersionOfNow()
    {
        var now = new DateTimeOffset(2025, 3, 1, 10, 0, 0, 5, TimeSpan.Zero);

        Assert.Equal("20250301T100000005Z", CatalogSnapshotFiles.NextVersion(now, "20250301T100000004Z"));
        Assert.Equal("20250301T100000005Z", CatalogSnapshotFiles.NextVersion(now, null));
    }

    [Fact]
    public void NextVersion_ClockNotPastNewest_OneMillisecondAfterNewest()
    {
        var now = new DateTimeOffset(2025, 3, 1, 10, 0, 0, 5, TimeSpan.Zero);

        Assert.Equal("20250301T100000006Z", CatalogSnapshotFiles.NextVersion(now, "20250301T100000005Z"));
        Assert.Equal("20250401T000000000Z", CatalogSnapshotFiles.NextVersion(now, "20250331T235959999Z"));
    }

    [Fact]
    public void NextVersion_HandNamedNewestAfterNow_Null()
    {
        Assert.Null(CatalogSnapshotFiles.NextVersion(DateTimeOffset.UtcNow, "v9"));
    }

    private static CatalogSnapshot WithAttachment(CatalogSnapshot plain) =>
        new(plain.Version, plain.SpaceId, plain.Dimensions, plain.CreatedAt, plain.Tracks.ToArray(), plain.HasVectorFlags.ToArray(),
            plain.Vectors.ToArray(), plain.Aliases.ToArray(), plain.Properties,
            new Dictionary<string, byte[]> { ["model"] = [1, 2, 3, 4, 5] });
}
