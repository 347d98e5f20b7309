using System.Text.Json;
using System.Text.Json.Serialization;

namespace Streaming.Replay.Live;

/// <summary>The body of <c>POST /v1/events</c> (see Schemas/listening-events-batch.v1.schema.json).</summary>
internal sealed record EventBatchWire(IReadOnlyList<ListeningEventWire> Events);

internal sealed record ListeningEventWire(
    string EventId,
    string UserId,
    string TrackId,
    string SessionId,
    string Kind,
    string OccurredAt,
    int? MsPlayed,
    int? TrackDurationMs,
    bool? PrivateSession);

/// <summary>202 answer, and the batch fields of 400/503 problem details.</summary>
internal sealed record EventBatchAnswerWire(int? Accepted, List<EventRejectionWire>? Rejected, List<int>? NotStored);

internal sealed record EventRejectionWire(int Index, string? Field, string? Reason, string? Detail);

/// <summary>Answer of <c>GET /v1/users/{userId}/next</c>.</summary>
internal sealed record RecommendationsWire(
    string? UserId,
    List<RecommendedTrackWire>? Tracks,
    bool Degraded,
    string? CatalogVersion,
    string? LastAppliedEventId,
    DateTimeOffset? LastEventAt,
    string? Strategy);

internal sealed record RecommendedTrackWire(string TrackId, string? Artist, string? Title, double Score, string? Reason);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(EventBatchWire))]
[JsonSerializable(typeof(EventBatchAnswerWire))]
[JsonSerializable(typeof(RecommendationsWire))]
internal sealed partial class LiveJsonContext : JsonSerializerContext;
