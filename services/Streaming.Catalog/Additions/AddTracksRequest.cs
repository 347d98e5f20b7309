using System.Text.Json.Serialization;

namespace Streaming.Catalog.Additions;

/// <summary>The body of <c>POST /v1/catalog/tracks</c>: <c>{"tracks": [...]}</c>; other top-level properties make it malformed.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class AddTracksRequest
{
    [JsonPropertyName("tracks")]
    public List<NewTrackDto?>? Tracks { get; set; }
}
