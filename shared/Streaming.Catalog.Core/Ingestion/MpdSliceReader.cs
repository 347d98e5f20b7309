using System.Collections.Concurrent;
using System.Text.Json;

namespace Streaming.Catalog.Core.Ingestion;

/// <summary>
/// Reads Million Playlist Dataset slices (<c>mpd.slice.A-B.json</c>:
/// <c>{info, playlists: [{pid, name, num_followers, ..., tracks: [{artist_name, track_uri, track_name, ...}]}]}</c>)
/// with a forward-only <see cref="Utf8JsonReader"/>. Unknown fields are skipped. A malformed file
/// throws <see cref="CatalogFormatException"/> (file, line, byte) and nothing of it is returned.
/// </summary>
public static class MpdSliceReader
{
    public const string FilePattern = "mpd.slice.*.json";

    public static IReadOnlyList<MpdPlaylist> ReadFile(string path) => Parse(File.ReadAllBytes(path), path);

    /// <summary>All slices of a folder, in file-name order; all-or-nothing.</summary>
    public static IReadOnlyList<MpdPlaylist> ReadDirectory(string directory)
    {
        var files = Directory.GetFiles(directory, FilePattern).Order(StringComparer.Ordinal).ToArray();
        var results = new IReadOnlyList<MpdPlaylist>[files.Length];
        var failures = new ConcurrentQueue<(int Index, Exception Error)>();
        Parallel.For(0, files.Length, i =>
        {
            try
            {
                results[i] = ReadFile(files[i]);
            }
            catch (Exception e)
            {
                failures.Enqueue((i, e));
            }
        });
        if (!failures.IsEmpty)
        {
            // Report the first failing file in name order, so the message is stable.
            var first = failures.OrderBy(f => f.Index).First().Error;
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(first).Throw();
        }
        return results.SelectMany(r => r).ToArray();
    }

    public static IReadOnlyList<MpdPlaylist> Parse(ReadOnlySpan<byte> json, string path)
    {
        var input = new JsonInput(json, path);
        var playlists = new List<MpdPlaylist>();
        var sawPlaylists = false;
        input.Expect(JsonTokenType.StartObject, "a JSON object at the top level");
        while (true)
        {
            input.Read();
            if (input.TokenType == JsonTokenType.EndObject)
            {
                break;
            }
            if (input.ValueTextEquals("playlists"u8))
            {
                sawPlaylists = true;
                input.Expect(JsonTokenType.StartArray, "an array for 'playlists'");
                while (true)
                {
                    input.Read();
                    if (input.TokenType == JsonTokenType.EndArray)
                    {
                        break;
                    }
                    if (input.TokenType != JsonTokenType.StartObject)
                    {
                        throw input.Error($"expected a playlist object, found {input.TokenType}");
                    }
                    playlists.Add(ReadPlaylist(ref input));
                }
            }
            else
            {
                input.Skip();
            }
        }
        if (!sawPlaylists)
        {
            throw input.ErrorAt(0, "no 'playlists' array");
        }
        return playlists;
    }

    private static MpdPlaylist ReadPlaylist(ref JsonInput input)
    {
        var start = input.Position;
        long? pid = null;
        string? name = null;
        long followers = 0;
        List<MpdTrack>? tracks = null;
        while (true)
        {
            input.Read();
            if (input.TokenType == JsonTokenType.EndObject)
            {
                break;
            }
            if (input.ValueTextEquals("pid"u8))
            {
                pid = input.ReadInt64("pid");
            }
            else if (input.ValueTextEquals("name"u8))
            {
                name = input.ReadStringOrNull("name");
            }
            else if (input.ValueTextEquals("num_followers"u8))
            {
                followers = input.ReadInt64OrNull("num_followers") ?? 0;
            }
            else if (input.ValueTextEquals("tracks"u8))
            {
                tracks = [];
                input.Expect(JsonTokenType.StartArray, "an array for 'tracks'");
                while (true)
                {
                    input.Read();
                    if (input.TokenType == JsonTokenType.EndArray)
                    {
                        break;
                    }
                    if (input.TokenType != JsonTokenType.StartObject)
                    {
                        throw input.Error($"expected a track object, found {input.TokenType}");
                    }
                    tracks.Add(ReadTrack(ref input));
                }
            }
            else
            {
                input.Skip();
            }
        }
        if (pid is null or < 0 or > int.MaxValue)
        {
            throw input.ErrorAt(start, "playlist without a valid 'pid'");
        }
        if (tracks is null)
        {
            throw input.ErrorAt(start, $"playlist {pid} has no 'tracks' array");
        }
        return new MpdPlaylist((int)pid, name ?? "", (int)Math.Min(followers, int.MaxValue), tracks);
    }

    private static MpdTrack ReadTrack(ref JsonInput input)
    {
        var start = input.Position;
        string? uri = null, artist = null, title = null, album = null;
        while (true)
        {
            input.Read();
            if (input.TokenType == JsonTokenType.EndObject)
            {
                break;
            }
            if (input.ValueTextEquals("track_uri"u8))
            {
                uri = input.ReadStringOrNull("track_uri");
            }
            else if (input.ValueTextEquals("artist_name"u8))
            {
                artist = input.ReadStringOrNull("artist_name");
            }
            else if (input.ValueTextEquals("track_name"u8))
            {
                title = input.ReadStringOrNull("track_name");
            }
            else if (input.ValueTextEquals("album_name"u8))
            {
                album = input.ReadStringOrNull("album_name");
            }
            else
            {
                input.Skip();
            }
        }
        if (!TrackIdentity.TryFromSpotifyUri(uri, out var id))
        {
            throw input.ErrorAt(start, $"track has no valid 'track_uri' (found '{uri}')");
        }
        if (artist is null || title is null)
        {
            throw input.ErrorAt(start, $"track {id} lacks 'artist_name' or 'track_name'");
        }
        return new MpdTrack(id, artist, title, album);
    }
}
