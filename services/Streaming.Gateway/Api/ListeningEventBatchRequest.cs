using System.Text.Json.Serialization;

namespace Streaming.Gateway.Api;

/// <summary>
/// The body of <c>POST /v1/events</c>, exactly <c>listening-events-batch.v1.schema.json</c> (a test compares
/// them). Unknown top-level properties make the whole body malformed (400).
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class ListeningEventBatchRequest
{
    [JsonPropertyName("events")]
    public List<ListeningEventDto?>? Events { get; set; }
}
