using System.Text.Json;
using System.Text.Json.Serialization;

namespace Streaming.Recommender.Api;

/// <summary>Source-generated JSON of every response.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RecommendationsResponse))]
[JsonSerializable(typeof(TopTracksResponse))]
[JsonSerializable(typeof(SimilarTracksResponse))]
[JsonSerializable(typeof(NoopResponse))]
[JsonSerializable(typeof(LatencySummary[]))]
[JsonSerializable(typeof(Dictionary<string, string[]>))]
public sealed partial class RecommenderJsonContext : JsonSerializerContext;
