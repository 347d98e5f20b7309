using System.Text.Json;
using System.Text.Json.Serialization;

namespace Streaming.Gateway.Api;

/// <summary>
/// One event as the client sends it. Everything is nullable so a missing field becomes a per-event
/// rejection with its name instead of failing the batch; numbers are 64-bit so an oversized value is
/// "out-of-range" rather than a type error.
/// </summary>
public sealed class ListeningEventDto
{
    [JsonPropertyName("eventId")] public string? EventId { get; set; }
    [JsonPropertyName("userId")] public string? UserId { get; set; }
    [JsonPropertyName("trackId")] public string? TrackId { get; set; }
    [JsonPropertyName("sessionId")] public string? SessionId { get; set; }
    [JsonPropertyName("kind")] public string? Kind { get; set; }
    [JsonPropertyName("occurredAt")] public string? OccurredAt { get; set; }
    [JsonPropertyName("msPlayed")] public long? MsPlayed { get; set; }
    [JsonPropertyName("trackDurationMs")] public long? TrackDurationMs { get; set; }
    [JsonPropertyName("privateSession")] public bool? PrivateSession { get; set; }
    [JsonPropertyName("context")] public PlaybackContextDto? Context { get; set; }

    /// <summary>Properties the schema does not define; the event is rejected with "unknown-field".</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? UnknownFields { get; set; }
}
