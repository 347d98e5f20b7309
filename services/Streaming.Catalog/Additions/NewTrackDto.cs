using System.Text.Json;
using System.Text.Json.Serialization;

namespace Streaming.Catalog.Additions;

/// <summary>
/// One added track as the client sends it. Everything is nullable so a missing field becomes a rejection naming it
/// instead of failing the whole body.
/// </summary>
public sealed class NewTrackDto
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("artist")] public string? Artist { get; set; }
    [JsonPropertyName("title")] public string? Title { get; set; }
    [JsonPropertyName("album")] public string? Album { get; set; }
    [JsonPropertyName("genre")] public string? Genre { get; set; }

    /// <summary>Properties the API does not define; the track is rejected with "unknown-field".</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? UnknownFields { get; set; }
}
