using System.Text.Json;
using System.Text.Json.Serialization;
using Streaming.Catalog.Additions;

namespace Streaming.Catalog;

public sealed record TrackResponse(
    string Id, string Artist, string Title, string? Album, string? Genre, int Popularity, bool HasVector, string CatalogVersion);

public sealed record CatalogVersionResponse(
    string Version, string SpaceId, int Dimensions, int TrackCount, int VectorCount, DateTimeOffset CreatedAt, string SnapshotFile,
    IReadOnlyDictionary<string, string> Properties);

public sealed record RollbackResponse(string RolledBackFrom, string Version, string SpaceId);

public sealed record PublishResponse(string Version, string SpaceId, int TrackCount, string SnapshotFile);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(TrackResponse))]
[JsonSerializable(typeof(CatalogVersionResponse))]
[JsonSerializable(typeof(RollbackResponse))]
[JsonSerializable(typeof(PublishResponse))]
[JsonSerializable(typeof(AddTracksResponse))]
[JsonSerializable(typeof(List<TrackRejection>))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(Microsoft.AspNetCore.Mvc.ProblemDetails))]
[JsonSerializable(typeof(Microsoft.AspNetCore.Http.HttpValidationProblemDetails))]
public sealed partial class CatalogJsonContext : JsonSerializerContext;
