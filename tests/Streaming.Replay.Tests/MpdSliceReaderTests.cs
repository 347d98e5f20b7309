using System.Text;
using Streaming.Replay.Sources;

namespace Streaming.Replay.Tests;

public sealed class MpdSliceReaderTests
{
    private const string Valid = """
        {"info": {"slice": "0-999"}, "playlists": [
          {"name": "road", "pid": 7, "num_tracks": 2, "tracks": [
            {"artist_name": "A", "track_uri": "spotify:track:0NlyILZaWZ2euUP7JMKgtF", "track_name": "One"},
            {"artist_name": "B", "track_uri": "spotify:track:4uV1OGherrLYEGrKsL5UEX", "track_name": "Two"}]}]}
        """;

    private static IReadOnlyList<MpdPlaylist> Parse(string json) =>
        MpdSliceReader.Parse(Encoding.UTF8.GetBytes(json), "mpd.slice.0-999.json");

    [Fact]
    public void Parse_ValidSlice_KeepsTrackOrder()
    {
        var playlist = Assert.Single(Parse(Valid));

        Assert.Equal(7, playlist.Pid);
        Assert.Equal(["One", "Two"], playlist.Tracks.Select(t => t.Title));
    }

    [Fact]
    public void Parse_NoPlaylists_Throws()
    {
        var e = Assert.Throws<SourceFormatException>(() => Parse("""{"info": {}}"""));
        Assert.Contains("no 'playlists' array", e.Message);
    }

    [Fact]
    public void Parse_BadTrackUri_NamesPlaylistAndTrack()
    {
        var e = Assert.Throws<SourceFormatException>(() => Parse(Valid.Replace("spotify:track:4uV1OGherrLYEGrKsL5UEX", "spotify:album:x")));

        Assert.Equal("playlists[0].tracks[1]", e.Position);
        Assert.Contains("mpd.slice.0-999.json", e.Message);
    }

    [Fact]
    public void Parse_MissingPid_NamesPlaylist()
    {
        var e = Assert.Throws<SourceFormatException>(() => Parse(Valid.Replace("\"pid\": 7,", "")));
        Assert.Equal("playlists[0]", e.Position);
    }

    [Fact]
    public void Parse_Truncated_NamesLine()
    {
        var e = Assert.Throws<SourceFormatException>(() => Parse(Valid[..(Valid.Length / 2)]));
        Assert.StartsWith("line ", e.Position);
    }
}
