using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Streaming.Gateway.Tests.Support;

/// <summary>Client-side JSON of listening events, valid unless a test changes them.</summary>
internal static class TestEvents
{
    public const string TrackId = "4uLU6hMCjMI75M1A2tKUQC";

    public static JsonObject Event(string userId, string? eventId = null, DateTimeOffset? occurredAt = null) => new()
    {
        ["eventId"] = eventId ?? "ev-" + Guid.NewGuid().ToString("N"),
        ["userId"] = userId,
        ["trackId"] = TrackId,
        ["sessionId"] = "session-1",
        ["kind"] = "play_ended",
        ["occurredAt"] = (occurredAt ?? DateTimeOffset.UtcNow.AddSeconds(-5)).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        ["msPlayed"] = 120_000,
        ["trackDurationMs"] = 200_000,
        ["context"] = new JsonObject { ["type"] = "playlist", ["id"] = "pl-1" },
    };

    public static JsonObject With(this JsonObject e, string field, JsonNode? value)
    {
        e[field] = value;
        return e;
    }

    public static string Batch(params JsonObject[] events) => new JsonObject { ["events"] = new JsonArray(events) }.ToJsonString();

    public static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
