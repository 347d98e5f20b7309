using System.Text.Json.Serialization;

namespace Streaming.Catalog.Additions;

/// <summary>Source-generated JSON for reading the request: exact property names (not the lenient Web defaults), as the gateway reads its batches.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, AllowDuplicateProperties = false)]
[JsonSerializable(typeof(AddTracksRequest))]
[JsonSerializable(typeof(NewTrackDto))]
internal sealed partial class AddTracksJsonContext : JsonSerializerContext;
