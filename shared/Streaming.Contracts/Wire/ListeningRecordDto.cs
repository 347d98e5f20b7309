using System.Text.Json.Serialization;

namespace Streaming.Contracts.Wire;

/// <summary>
/// The Kafka value of <c>listening-events</c>, schema version 1: compact JSON, one object per record.
/// Evolution rules: fields are only ever added (readers ignore unknown fields, missing optional
/// fields take defaults); a breaking change bumps <see cref="SchemaVersion"/>, which older readers
/// reject to the dead-letter topic instead of misreading.
/// </summary>
internal sealed class ListeningRecordDto
{
    [JsonPropertyName("v")] public int SchemaVersion { get; set; }
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("eventId")] public string? EventId { get; set; }
    [JsonPropertyName("erasureId")] public string? ErasureId { get; set; }
    [JsonPropertyName("userId")] public string? UserId { get; set; }
    [JsonPropertyName("trackId")] public string? TrackId { get; set; }
    [JsonPropertyName("sessionId")] public string? SessionId { get; set; }
    [JsonPropertyName("kind")] public string? Kind { get; set; }
    [JsonPropertyName("occurredAt")] public DateTimeOffset? OccurredAt { get; set; }
    [JsonPropertyName("msPlayed")] public int? MsPlayed { get; set; }
    [JsonPropertyName("trackDurationMs")] public int? TrackDurationMs { get; set; }
    [JsonPropertyName("privateSession")] public bool PrivateSession { get; set; }
    [JsonPropertyName("context")] public string? Context { get; set; }
    [JsonPropertyName("contextId")] public string? ContextId { get; set; }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ListeningRecordDto))]
internal sealed partial class ListeningRecordJsonContext : JsonSerializerContext;
