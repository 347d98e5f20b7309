using System.Text;
using Streaming.Catalog.Core.Ingestion;

namespace Streaming.Catalog.Tests;

public class ParserTests
{
    private const string Slice = """
        {
          "info": {"slice": "0-999", "version": "v1"},
          "playlists": [
            {
              "name": "Tegan and Sara", "pid": 1802, "num_tracks": 2, "num_followers": 18, "collaborative": "false",
              "tracks": [
                {"artist_name": "Tegan and Sara", "track_uri": "spotify:track:0NlyILZaWZ2euUP7JMKgtF", "track_name": "Back In Your Head", "pos": 0},
                {"artist_name": "Morgan Page", "track_uri": "spotify:track:4uV1OGherrLYEGrKsL5UEX", "track_name": "Carry Me", "extra": {"nested": [1, 2]}}
              ]
            },
            {"name": "empty", "pid": 3, "tracks": []}
          ]
        }
        """;

    [Fact]
    public void MpdSlice_Valid_ParsesPlaylistsInOrder()
    {
        var playlists = MpdSliceReader.Parse(Encoding.UTF8.GetBytes(Slice), "mpd.slice.0-999.json");
        Assert.Equal(2, playlists.Count);
        Assert.Equal(1802, playlists[0].Pid);
        Assert.Equal(18, playlists[0].NumFollowers);
        Assert.Equal(["0NlyILZaWZ2euUP7JMKgtF", "4uV1OGherrLYEGrKsL5UEX"], playlists[0].Tracks.Select(t => t.TrackId));
        Assert.Equal("Morgan Page", playlists[0].Tracks[1].ArtistName);
        Assert.Empty(playlists[1].Tracks);
    }

    [Fact]
    public void MpdSlice_Truncated_NamesFileAndLine()
    {
        var broken = Slice[..(Slice.IndexOf("Morgan Page", StringComparison.Ordinal) + 5)];
        var error = Assert.Throws<CatalogFormatException>(() => MpdSliceReader.Parse(Encoding.UTF8.GetBytes(broken), "mpd.slice.0-999.json"));
        Assert.Equal("mpd.slice.0-999.json", error.FilePath);
        Assert.Contains("mpd.slice.0-999.json: line", error.Message);
        Assert.Equal(8, error.Line);
    }

    [Fact]
    public void MpdSlice_SyntaxError_ReportsLineAndByte()
    {
        var broken = Slice.Replace("\"pid\": 1802,", "\"pid\": 1802,,", StringComparison.Ordinal);
        var error = Assert.Throws<CatalogFormatException>(() => MpdSliceReader.Parse(Encoding.UTF8.GetBytes(broken), "s.json"));
        Assert.Equal(5, error.Line);
        Assert.True(error.BytePosition > Slice.IndexOf("\"pid\"", StringComparison.Ordinal));
    }

    [Fact]
    public void MpdSlice_BadTrackUri_FailsAtTheTrack()
    {
        var broken = Slice.Replace("spotify:track:4uV1OGherrLYEGrKsL5UEX", "spotify:episode:x", StringComparison.Ordinal);
        var error = Assert.Throws<CatalogFormatException>(() => MpdSliceReader.Parse(Encoding.UTF8.GetBytes(broken), "s.json"));
        Assert.Equal(8, error.Line);
        Assert.Contains("track_uri", error.Message);
    }

    [Fact]
    public void MpdSlice_WrongType_FailsNamingField()
    {
        var broken = Slice.Replace("\"pid\": 1802", "\"pid\": \"1802\"", StringComparison.Ordinal);
        var error = Assert.Throws<CatalogFormatException>(() => MpdSliceReader.Parse(Encoding.UTF8.GetBytes(broken), "s.json"));
        Assert.Contains("'pid' must be an integer", error.Message);
        Assert.Equal(5, error.Line);
    }

    [Fact]
    public void MpdDirectory_OneMalformedFile_LoadsNothingAndNamesTheFile()
    {
        var dir = TestSnapshots.TempDirectory();
        File.WriteAllText(Path.Combine(dir, "mpd.slice.0-999.json"), Slice);
        File.WriteAllText(Path.Combine(dir, "mpd.slice.1000-1999.json"), Slice[..200]);
        var error = Assert.Throws<CatalogFormatException>(() => MpdSliceReader.ReadDirectory(dir));
        Assert.EndsWith("mpd.slice.1000-1999.json", error.FilePath);
    }

    private const string History = """
        [
          {"endTime": "2024-04-16 18:57", "artistName": "Rigoberta Bandini", "trackName": "Too Many Drugs", "msPlayed": 272360},
          {"endTime": "2024-04-17 09:32", "artistName": "C. Tangana", "trackName": "Los Tontos", "msPlayed": 966}
        ]
        """;

    [Fact]
    public void StreamingHistory_Valid_ParsesUtcMinutes()
    {
        var plays = StreamingHistoryReader.Parse(Encoding.UTF8.GetBytes(History), "StreamingHistory0.json", "listener-01");
        Assert.Equal(2, plays.Count);
        Assert.Equal(new DateTimeOffset(2024, 4, 16, 18, 57, 0, TimeSpan.Zero), plays[0].EndTime);
        Assert.Equal("listener-01", plays[0].UserId);
        Assert.Equal(966, plays[1].MsPlayed);
        Assert.Null(plays[0].TrackId);
    }

    [Fact]
    public void StreamingHistory_Extended_ReadsIdsAndSkipsPodcasts()
    {
        const string extended = """
            [
              {"ts": "2023-01-01T10:00:00Z", "ms_played": 200000, "master_metadata_track_name": "Halo", "master_metadata_album_artist_name": "Beyoncé", "spotify_track_uri": "spotify:track:4JehYebiI9JE8sR8MisGVb"},
              {"ts": "2023-01-01T11:00:00Z", "ms_played": 100000, "master_metadata_track_name": null, "master_metadata_album_artist_name": null, "spotify_track_uri": null, "episode_name": "x"}
            ]
            """;
        var plays = StreamingHistoryReader.Parse(Encoding.UTF8.GetBytes(extended), "Streaming_History_Audio_2023.json", "u");
        var play = Assert.Single(plays);
        Assert.Equal("4JehYebiI9JE8sR8MisGVb", play.TrackId);
    }

    [Fact]
    public void StreamingHistory_BadTime_FailsAtLine()
    {
        var broken = History.Replace("2024-04-17 09:32", "yesterday", StringComparison.Ordinal);
        var error = Assert.Throws<CatalogFormatException>(() => StreamingHistoryReader.Parse(Encoding.UTF8.GetBytes(broken), "StreamingHistory1.json", "u"));
        Assert.Equal(3, error.Line);
        Assert.Contains("StreamingHistory1.json: line 3", error.Message);
        Assert.Contains("endTime", error.Message);
    }

    [Fact]
    public void StreamingHistory_MissingName_Fails()
    {
        var broken = History.Replace("\"trackName\": \"Los Tontos\", ", "", StringComparison.Ordinal);
        var error = Assert.Throws<CatalogFormatException>(() => StreamingHistoryReader.Parse(Encoding.UTF8.GetBytes(broken), "h.json", "u"));
        Assert.Contains("trackName", error.Message);
    }

    [Fact]
    public void StreamingHistory_UserFolder_OrdersFilesNaturallyAndPlaysByTime()
    {
        var dir = Path.Combine(TestSnapshots.TempDirectory(), "listener-07");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "StreamingHistory10.json"),
            """[{"endTime": "2024-05-01 10:00", "artistName": "B", "trackName": "late", "msPlayed": 40000}]""");
        File.WriteAllText(Path.Combine(dir, "StreamingHistory2.json"), History);
        var plays = StreamingHistoryReader.ReadUser(dir);
        Assert.Equal(["Too Many Drugs", "Los Tontos", "late"], plays.Select(p => p.TrackName));
        Assert.All(plays, p => Assert.Equal("listener-07", p.UserId));
    }

    private const string Csv = """
        danceability,energy,key,loudness,mode,speechiness,acousticness,instrumentalness,liveness,valence,tempo,type,id,uri,duration_ms,time_signature
        0.763,0.451,4,-10.693,0,0.0397,0.376,0.117,0.211,0.173,110.001,audio_features,5gciWzZRdQHiWkyBaHPSdB,spotify:track:5gciWzZRdQHiWkyBaHPSdB,214293,4
        0.594,0.635,1,-8.069,0,0.0411,0.067,0.782,0.093,0.709,138.624,audio_features,0Ty1I0eAkYpSGd7MJWXM2n,spotify:track:0Ty1I0eAkYpSGd7MJWXM2n,405520,4
        """;

    [Fact]
    public void AudioFeatures_Valid_ScalesLoudnessAndTempo()
    {
        var rows = AudioFeatureCsvReader.Parse(Encoding.UTF8.GetBytes(Csv), "audio_features.csv");
        Assert.Equal(2, rows.Count);
        Assert.Equal("5gciWzZRdQHiWkyBaHPSdB", rows[0].TrackId);
        Assert.Equal(9, rows[0].Features.Length);
        Assert.Equal(0.763f, rows[0].Features[0]);
        Assert.Equal((float)((-10.693 + 60) / 60), rows[0].Features[2], 5);
        Assert.Equal((float)(110.001 / 250), rows[0].Features[8], 5);
        Assert.Null(rows[0].TrackName);
    }

    [Fact]
    public void AudioFeatures_QuotedNamesWithCommasAndQuotes_Parse()
    {
        const string liked = "id,name,artist_name,album_name,danceability,energy,loudness,speechiness,acousticness,instrumentalness,liveness,valence,tempo\n" +
                             "0Ty1I0eAkYpSGd7MJWXM2n,Gentle Persuasion,Doug Hream Blunt,\"My Name is Doug Hream Blunt: Featuring the Hit \"\"Gentle Persuasion\"\"\",0.5,0.6,-8,0.04,0.06,0.78,0.09,0.7,138\n";
        var row = Assert.Single(AudioFeatureCsvReader.Parse(Encoding.UTF8.GetBytes(liked), "liked_songs.csv"));
        Assert.Equal("My Name is Doug Hream Blunt: Featuring the Hit \"Gentle Persuasion\"", row.AlbumName);
        Assert.Equal("Doug Hream Blunt", row.ArtistName);
    }

    [Fact]
    public void AudioFeatures_NonNumber_FailsAtRowLine()
    {
        var broken = Csv.Replace("0.594", "high", StringComparison.Ordinal);
        var error = Assert.Throws<CatalogFormatException>(() => AudioFeatureCsvReader.Parse(Encoding.UTF8.GetBytes(broken), "audio_features.csv"));
        Assert.Equal(3, error.Line);
        Assert.Contains("danceability", error.Message);
        Assert.Equal(Csv.IndexOf("0.594", StringComparison.Ordinal), error.BytePosition);
    }

    [Fact]
    public void AudioFeatures_UnclosedQuote_FailsWhereTheQuoteOpened()
    {
        var broken = Csv.Replace("audio_features,0Ty1", "\"audio_features,0Ty1", StringComparison.Ordinal);
        var error = Assert.Throws<CatalogFormatException>(() => AudioFeatureCsvReader.Parse(Encoding.UTF8.GetBytes(broken), "a.csv"));
        Assert.Equal(3, error.Line);
        Assert.Contains("never closed", error.Message);
    }

    [Fact]
    public void AudioFeatures_WrongFieldCount_Fails()
    {
        var broken = Csv + "\n0.1,0.2\n";
        var error = Assert.Throws<CatalogFormatException>(() => AudioFeatureCsvReader.Parse(Encoding.UTF8.GetBytes(broken), "a.csv"));
        Assert.Equal(4, error.Line);
        Assert.Contains("2 fields", error.Message);
    }

    [Fact]
    public void AudioFeatures_MissingColumn_FailsOnHeader()
    {
        var broken = Csv.Replace("valence", "mood", StringComparison.Ordinal);
        var error = Assert.Throws<CatalogFormatException>(() => AudioFeatureCsvReader.Parse(Encoding.UTF8.GetBytes(broken), "a.csv"));
        Assert.Equal(1, error.Line);
        Assert.Contains("valence", error.Message);
    }
}
