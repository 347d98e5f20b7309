using System.Text.Json;

namespace Streaming.Replay.Sources;

/// <summary>A playlist of a Million Playlist Dataset slice, tracks in playlist order.</summary>
public sealed record MpdPlaylist(long Pid, string Name, IReadOnlyList<MpdTrack> Tracks);

public sealed record MpdTrack(string Artist, string TrackUri, string Title);

/// <summary>Reads one <c>mpd.slice.A-B.json</c>; malformed content throws a <see cref="SourceFormatException"/> naming file and position.</summary>
public static class MpdSliceReader
{
    public static IReadOnlyList<MpdPlaylist> Read(string path) => Parse(File.ReadAllBytes(path), path);

    public static IReadOnlyList<MpdPlaylist> Parse(ReadOnlySpan<byte> utf8Json, string sourceName)
    {
        MpdSliceDto? slice;
        try
        {
            slice = JsonSerializer.Deserialize(StreamingHistoryReader.WithoutBom(utf8Json), SourceJsonContext.Default.MpdSliceDto);
        }
        catch (JsonException e)
        {
            throw new SourceFormatException(sourceName, StreamingHistoryReader.JsonPosition(e),
                $"not an MPD slice ({StreamingHistoryReader.FirstSentence(e.Message)})", e);
        }
        if (slice?.Playlists is not { } playlists)
        {
            throw new SourceFormatException(sourceName, "line 1", "MPD slice has no 'playlists' array");
        }

        var result = new MpdPlaylist[playlists.Count];
        for (var p = 0; p < playlists.Count; p++)
        {
            var playlist = (MpdPlaylistDto?)playlists[p] ?? throw Item(sourceName, p, null, "is null");
            if (playlist.Pid is not { } pid)
            {
                throw Item(sourceName, p, null, "has no pid");
            }
            if (playlist.Tracks is not { } tracks)
            {
                throw Item(sourceName, p, null, "has no tracks array");
            }
            var parsed = new MpdTrack[tracks.Count];
            for (var t = 0; t < tracks.Count; t++)
            {
                var track = (MpdTrackDto?)tracks[t] ?? throw Item(sourceName, p, t, "is null");
                if (string.IsNullOrEmpty(track.TrackUri) || !Catalog.Core.TrackIdentity.TryFromSpotifyUri(track.TrackUri, out _))
                {
                    throw Item(sourceName, p, t, $"has track_uri '{track.TrackUri}', expected spotify:track:<22 base62>");
                }
                parsed[t] = new MpdTrack(track.ArtistName ?? "", track.TrackUri, track.TrackName ?? "");
            }
            result[p] = new MpdPlaylist(pid, playlist.Name ?? "", parsed);
        }
        return result;
    }

    private static SourceFormatException Item(string file, int playlist, int? track, string problem) =>
        new(file, track is null ? $"playlists[{playlist}]" : $"playlists[{playlist}].tracks[{track}]",
            track is null ? $"playlist {problem}" : $"track {problem}");
}
