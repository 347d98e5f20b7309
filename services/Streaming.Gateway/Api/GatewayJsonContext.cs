using System.Text.Json.Serialization;

namespace Streaming.Gateway.Api;

/// <summary>Source-generated JSON for requests, responses and problem-details extensions.</summary>
// Case-sensitive names and strict numbers, as the schema says (not the lenient Web defaults).
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, AllowDuplicateProperties = false)]
[JsonSerializable(typeof(ListeningEventBatchRequest))]
[JsonSerializable(typeof(ListeningEventDto))]
[JsonSerializable(typeof(EventBatchAccepted))]
[JsonSerializable(typeof(ErasureAccepted))]
[JsonSerializable(typeof(List<EventRejection>))]
[JsonSerializable(typeof(List<int>))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(string))]
internal sealed partial class GatewayJsonContext : JsonSerializerContext;
