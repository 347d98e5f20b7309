using System.Globalization;
using System.Text.Json;

namespace Streaming.Replay.Sources;

/// <summary>
/// Reads one <c>StreamingHistory*.json</c> file: a JSON array of
/// <c>{endTime: "yyyy-MM-dd HH:mm" (UTC), artistName, trackName, msPlayed}</c>. Anything else throws a
/// <see cref="SourceFormatException"/> naming the file and the line/byte or item position.
/// </summary>
public static class StreamingHistoryReader
{
    public const string EndTimeFormat = "yyyy-MM-dd HH:mm";

    public static IReadOnlyList<StreamingHistoryRow> Read(string path) => Parse(File.ReadAllBytes(path), path);

    public static IReadOnlyList<StreamingHistoryRow> Parse(ReadOnlySpan<byte> utf8Json, string sourceName)
    {
        List<StreamingHistoryRowDto>? rows;
        try
        {
            rows = JsonSerializer.Deserialize(WithoutBom(utf8Json), SourceJsonContext.Default.ListStreamingHistoryRowDto);
        }
        catch (JsonException e)
        {
            throw new SourceFormatException(sourceName, JsonPosition(e), $"not a JSON array of plays ({FirstSentence(e.Message)})", e);
        }
        if (rows is null)
        {
            throw new SourceFormatException(sourceName, "line 1", "expected a JSON array of plays, found null");
        }

        var result = new StreamingHistoryRow[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var row = (StreamingHistoryRowDto?)rows[i] ?? throw Item(sourceName, i, "is null");
            if (string.IsNullOrEmpty(row.EndTime))
            {
                throw Item(sourceName, i, "has no endTime");
            }
            if (!DateTime.TryParseExact(row.EndTime, EndTimeFormat, CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var endTime))
            {
                throw Item(sourceName, i, $"has endTime '{row.EndTime}', expected {EndTimeFormat}");
            }
            if (row.ArtistName is null)
            {
                throw Item(sourceName, i, "has no artistName");
            }
            if (row.TrackName is null)
            {
                throw Item(sourceName, i, "has no trackName");
            }
            if (row.MsPlayed is not { } ms || ms < 0)
            {
                throw Item(sourceName, i, row.MsPlayed is null ? "has no msPlayed" : $"has negative msPlayed {row.MsPlayed}");
            }
            result[i] = new StreamingHistoryRow(new DateTimeOffset(endTime, TimeSpan.Zero), row.ArtistName, row.TrackName, ms);
        }
        return result;
    }

    internal static ReadOnlySpan<byte> WithoutBom(ReadOnlySpan<byte> utf8) =>
        utf8.StartsWith("\uFEFF"u8) ? utf8[3..] : utf8;

    internal static string JsonPosition(JsonException e) =>
        e.LineNumber is { } line
            ? $"line {line + 1}, byte {(e.BytePositionInLine ?? 0) + 1}{(string.IsNullOrEmpty(e.Path) ? "" : $" ({e.Path})")}"
            : "unknown position";

    internal static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message.TrimEnd('.');
    }

    private static SourceFormatException Item(string file, int index, string problem) =>
        new(file, $"item {index}", $"play {problem}");
}
