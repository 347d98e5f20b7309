using System.Text.Json;
using System.Text.Json.Serialization;

namespace Streaming.Gateway.Api;

public sealed class PlaybackContextDto
{
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("id")] public string? Id { get; set; }

    /// <summary>Properties the schema does not define; the event is rejected with "unknown-field".</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? UnknownFields { get; set; }
}
