using Streaming.Catalog.Core;
using Streaming.Replay.Sources;

namespace Streaming.Replay.Tests;

public sealed class SourceTests
{
    [Fact]
    public void Load_HistoryFolder_UsersInNameOrderPlaysByTimeSessionsByGap()
    {
        var root = TestData.TempFolder();
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "listener-02"));
            Directory.CreateDirectory(Path.Combine(root, "listener-01"));
            Directory.CreateDirectory(Path.Combine(root, "empty"));
            File.WriteAllText(Path.Combine(root, "listener-02", "StreamingHistory0.json"),
                """[{"endTime": "2024-01-01 10:00", "artistName": "A", "trackName": "T", "msPlayed": 99999999}]""");
            // Two files; the second is earlier in time: plays are ordered by time across files.
            File.WriteAllText(Path.Combine(root, "listener-01", "StreamingHistory1.json"),
                """[{"endTime": "2024-01-01 11:01", "artistName": "A", "trackName": "Late", "msPlayed": 1000}]""");
            File.WriteAllText(Path.Combine(root, "listener-01", "StreamingHistory0.json"),
                """
                [{"endTime": "2024-01-01 10:00", "artistName": "A", "trackName": "First", "msPlayed": 200000},
                 {"endTime": "2024-01-01 10:30", "artistName": "A", "trackName": "Second", "msPlayed": 200000}]
                """);

            var dataset = StreamingHistorySource.Load(root, new CatalogTrackIds(null));

            Assert.Equal(["listener-01", "listener-02"], dataset.Users.Select(u => u.UserId));
            var plays = dataset.Users[0].Plays;
            Assert.Equal([TrackIdentity.FromNames("A", "First"), TrackIdentity.FromNames("A", "Second"), TrackIdentity.FromNames("A", "Late")],
                plays.Select(p => p.TrackId));
            Assert.Equal(["listener-01-s00000", "listener-01-s00000", "listener-01-s00001"], plays.Select(p => p.SessionId));
            Assert.Equal(StreamingHistorySource.MaxMsPlayed, dataset.Users[1].Plays[0].MsPlayed);
            Assert.Contains(dataset.Notes, n => n.Contains("clamped", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Load_MalformedFile_ExceptionNamesTheFile()
    {
        var root = TestData.TempFolder();
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "u"));
            var file = Path.Combine(root, "u", "StreamingHistory0.json");
            File.WriteAllText(file, "[{\"endTime\": ");

            var e = Assert.Throws<SourceFormatException>(() => StreamingHistorySource.Load(root, RawNameTrackIds.Instance));

            Assert.Equal(file, e.File);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Load_MissingFolder_Throws() =>
        Assert.Throws<DirectoryNotFoundException>(() => StreamingHistorySource.Load("/nonexistent/streaming-history", RawNameTrackIds.Instance));

    [Fact]
    public void Load_MpdFolder_EachPlaylistIsOneUserPlayedInOrder()
    {
        var root = TestData.TempFolder();
        try
        {
            File.WriteAllText(Path.Combine(root, "mpd.slice.0-999.json"), """
                {"playlists": [
                  {"pid": 3, "name": "x", "tracks": [
                    {"artist_name": "A", "track_uri": "spotify:track:0NlyILZaWZ2euUP7JMKgtF", "track_name": "One"},
                    {"artist_name": "B", "track_uri": "spotify:track:4uV1OGherrLYEGrKsL5UEX", "track_name": "Two"}]},
                  {"pid": 4, "name": "y", "tracks": []}]}
                """);

            var dataset = MpdSource.Load(root, new CatalogTrackIds(null));

            var user = Assert.Single(dataset.Users);
            Assert.Equal("mpd-3", user.UserId);
            Assert.Equal(["0NlyILZaWZ2euUP7JMKgtF", "4uV1OGherrLYEGrKsL5UEX"], user.Plays.Select(p => p.TrackId));
            Assert.True(user.Plays[0].OccurredAt < user.Plays[1].OccurredAt);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Generate_Synthetic_UsersOrderedPlaysInTimeOrderValidIds()
    {
        var dataset = SyntheticSource.Generate(42, 3, new CatalogTrackIds(null));

        Assert.Equal(3, dataset.Users.Count);
        Assert.All(dataset.Users, u =>
        {
            Assert.NotEmpty(u.Plays);
            Assert.Equal(u.Plays.OrderBy(p => p.OccurredAt).Select(p => p.OccurredAt), u.Plays.Select(p => p.OccurredAt));
            Assert.All(u.Plays, p => Assert.True(TrackIdentity.IsValidTrackId(p.TrackId)));
        });
    }

    [Fact]
    public void FromNames_NoSnapshot_NameDerivedIds()
    {
        var ids = new CatalogTrackIds(null);
        Assert.Equal(TrackIdentity.FromNames("Queen", "Bohemian Rhapsody - Remastered 2011"), ids.FromNames("Queen", "Bohemian Rhapsody"));
        Assert.Equal("a\u001ft", RawNameTrackIds.Instance.FromNames("a", "t"));
    }
}
