using System.Globalization;
using System.Text.Json;

namespace Streaming.Benchmarks.Gateway;

/// <summary>
/// Pre-serialized <c>POST /v1/events</c> bodies, so the load loops spend no CPU on JSON: valid events of many
/// users (play_ended with context, skips, likes), event time a few seconds ago. Bodies are reused across
/// requests; the gateway passes repeated event ids on (the worker de-duplicates).
/// </summary>
internal static class BatchBodies
{
    private static readonly string[] TrackIds =
    [
        "4uLU6hMCjMI75M1A2tKUQC", "7qiZfU4dY1lWllzX7mPBI3", "0VjIjW4GlUZAMYd2vXMi3b", "1zi7xx7UVEFkmKfv06H8x0",
        "3n3Ppam7vgaVa1iaRUc9Lp", "2takcwOaAZWiXQijPHIx7B", "5ghIJDpPoe3CfHMGu71E6T", "6habFhsOp2NvshLv26DqMb",
    ];

    public static byte[][] Create(int count, int batchSize, int users, int seed)
    {
        var random = new Random(seed);
        var occurredAt = DateTimeOffset.UtcNow.AddSeconds(-10).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var bodies = new byte[count][];
        for (var b = 0; b < count; b++)
        {
            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                json.WriteStartArray("events");
                for (var i = 0; i < batchSize; i++)
                {
                    var kind = random.Next(10) switch { < 7 => "play_ended", < 9 => "skip", _ => "like" };
                    json.WriteStartObject();
                    json.WriteString("eventId", $"bench-{seed}-{b}-{i}");
                    json.WriteString("userId", $"user-{random.Next(users)}");
                    json.WriteString("trackId", TrackIds[random.Next(TrackIds.Length)]);
                    json.WriteString("sessionId", $"session-{b}");
                    json.WriteString("kind", kind);
                    json.WriteString("occurredAt", occurredAt);
                    if (kind != "like")
                    {
                        json.WriteNumber("msPlayed", random.Next(1_000, 200_000));
                        json.WriteNumber("trackDurationMs", 200_000);
                    }
                    json.WriteStartObject("context");
                    json.WriteString("type", "playlist");
                    json.WriteString("id", $"playlist-{random.Next(100)}");
                    json.WriteEndObject();
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            bodies[b] = buffer.ToArray();
        }
        return bodies;
    }
}
