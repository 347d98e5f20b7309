using System.Text.Json.Serialization;

namespace Streaming.Replay.Sources;

/// <summary>Raw shape of an export row; every field nullable so validation can name what is missing.</summary>
internal sealed record StreamingHistoryRowDto(string? EndTime, string? ArtistName, string? TrackName, long? MsPlayed);

internal sealed record MpdSliceDto(List<MpdPlaylistDto>? Playlists);

internal sealed record MpdPlaylistDto(
    [property: JsonPropertyName("pid")] long? Pid,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("tracks")] List<MpdTrackDto>? Tracks);

internal sealed record MpdTrackDto(
    [property: JsonPropertyName("artist_name")] string? ArtistName,
    [property: JsonPropertyName("track_uri")] string? TrackUri,
    [property: JsonPropertyName("track_name")] string? TrackName);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow)]
[JsonSerializable(typeof(List<StreamingHistoryRowDto>))]
[JsonSerializable(typeof(MpdSliceDto))]
internal sealed partial class SourceJsonContext : JsonSerializerContext;
