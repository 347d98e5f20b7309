using System.Globalization;
using System.Text.Json;

namespace Streaming.Catalog.Core.Ingestion;

/// <summary>
/// Reads Spotify streaming-history exports: the basic <c>StreamingHistory*.json</c> (array of
/// <c>{endTime: "yyyy-MM-dd HH:mm" UTC, artistName, trackName, msPlayed}</c>) and the extended
/// form (<c>ts</c>, <c>master_metadata_album_artist_name</c>, <c>master_metadata_track_name</c>,
/// <c>ms_played</c>, <c>spotify_track_uri</c>; rows without names, e.g. podcasts, are skipped).
/// One folder per user; the user id is the folder name. All-or-nothing per call.
/// </summary>
public static class StreamingHistoryReader
{
    public const string FilePattern = "StreamingHistory*.json";

    public static IReadOnlyList<StreamingHistoryPlay> ReadFile(string path, string userId) =>
        Parse(File.ReadAllBytes(path), path, userId);

    /// <summary>All files of one user's folder, plays ordered by end time (stable: file order, then position).</summary>
    public static IReadOnlyList<StreamingHistoryPlay> ReadUser(string userDirectory)
    {
        var userId = Path.GetFileName(Path.TrimEndingDirectorySeparator(userDirectory));
        return Directory.GetFiles(userDirectory, FilePattern)
            .Order(NaturalFileOrder.Instance)
            .SelectMany(f => ReadFile(f, userId))
            .OrderBy(p => p.EndTime)
            .ToArray();
    }

    /// <summary>Every user folder under <paramref name="root"/> that holds export files, by user id.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<StreamingHistoryPlay>> ReadRoot(string root)
    {
        var result = new SortedDictionary<string, IReadOnlyList<StreamingHistoryPlay>>(StringComparer.Ordinal);
        foreach (var folder in Directory.GetDirectories(root).Order(StringComparer.Ordinal))
        {
            if (Directory.EnumerateFiles(folder, FilePattern).Any())
            {
                result[Path.GetFileName(folder)] = ReadUser(folder);
            }
        }
        return result;
    }

    public static IReadOnlyList<StreamingHistoryPlay> Parse(ReadOnlySpan<byte> json, string path, string userId)
    {
        var input = new JsonInput(json, path);
        var plays = new List<StreamingHistoryPlay>();
        input.Expect(JsonTokenType.StartArray, "a JSON array of plays");
        while (true)
        {
            input.Read();
            if (input.TokenType == JsonTokenType.EndArray)
            {
                break;
            }
            if (input.TokenType != JsonTokenType.StartObject)
            {
                throw input.Error($"expected a play object, found {input.TokenType}");
            }
            var play = ReadPlay(ref input, userId);
            if (play is not null)
            {
                plays.Add(play);
            }
        }
        return plays;
    }

    private static StreamingHistoryPlay? ReadPlay(ref JsonInput input, string userId)
    {
        var start = input.Position;
        string? endTime = null, ts = null, artist = null, track = null, uri = null;
        long? ms = null;
        var extended = false;
        while (true)
        {
            input.Read();
            if (input.TokenType == JsonTokenType.EndObject)
            {
                break;
            }
            if (input.ValueTextEquals("endTime"u8))
            {
                endTime = input.ReadStringOrNull("endTime");
            }
            else if (input.ValueTextEquals("ts"u8))
            {
                ts = input.ReadStringOrNull("ts");
                extended = true;
            }
            else if (input.ValueTextEquals("artistName"u8))
            {
                artist = input.ReadStringOrNull("artistName");
            }
            else if (input.ValueTextEquals("master_metadata_album_artist_name"u8))
            {
                artist = input.ReadStringOrNull("master_metadata_album_artist_name");
            }
            else if (input.ValueTextEquals("trackName"u8))
            {
                track = input.ReadStringOrNull("trackName");
            }
            else if (input.ValueTextEquals("master_metadata_track_name"u8))
            {
                track = input.ReadStringOrNull("master_metadata_track_name");
            }
            else if (input.ValueTextEquals("msPlayed"u8))
            {
                ms = input.ReadInt64("msPlayed");
            }
            else if (input.ValueTextEquals("ms_played"u8))
            {
                ms = input.ReadInt64("ms_played");
            }
            else if (input.ValueTextEquals("spotify_track_uri"u8))
            {
                uri = input.ReadStringOrNull("spotify_track_uri");
            }
            else
            {
                input.Skip();
            }
        }

        DateTimeOffset when;
        if (endTime is not null)
        {
            if (!DateTime.TryParseExact(endTime, ["yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss"], CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
            {
                throw input.ErrorAt(start, $"'endTime' '{endTime}' is not 'yyyy-MM-dd HH:mm'");
            }
            when = new DateTimeOffset(parsed, TimeSpan.Zero);
        }
        else if (ts is not null)
        {
            if (!DateTimeOffset.TryParse(ts, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out when))
            {
                throw input.ErrorAt(start, $"'ts' '{ts}' is not an ISO-8601 time");
            }
        }
        else
        {
            throw input.ErrorAt(start, "play has neither 'endTime' nor 'ts'");
        }
        if (ms is null or < 0 or > int.MaxValue)
        {
            throw input.ErrorAt(start, "play has no valid 'msPlayed'");
        }
        if (artist is null || track is null)
        {
            // The extended export lists podcast episodes and unknown items without names.
            return extended ? null : throw input.ErrorAt(start, "play lacks 'artistName' or 'trackName'");
        }
        var id = TrackIdentity.TryFromSpotifyUri(uri, out var parsedId) ? parsedId : null;
        return new StreamingHistoryPlay(userId, when, artist, track, (int)ms, id);
    }

    /// <summary>StreamingHistory2 before StreamingHistory10.</summary>
    private sealed class NaturalFileOrder : IComparer<string>
    {
        public static readonly NaturalFileOrder Instance = new();

        public int Compare(string? x, string? y)
        {
            var (px, nx) = Split(Path.GetFileNameWithoutExtension(x ?? ""));
            var (py, ny) = Split(Path.GetFileNameWithoutExtension(y ?? ""));
            var byPrefix = string.CompareOrdinal(px, py);
            return byPrefix != 0 ? byPrefix : nx.CompareTo(ny);
        }

        private static (string Prefix, long Number) Split(string name)
        {
            var end = name.Length;
            while (end > 0 && char.IsAsciiDigit(name[end - 1]))
            {
                end--;
            }
            return (name[..end], end < name.Length && long.TryParse(name[end..], CultureInfo.InvariantCulture, out var n) ? n : -1);
        }
    }
}
