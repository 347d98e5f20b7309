using Microsoft.OpenApi;

namespace Streaming.Recommender.Endpoints;

/// <summary>
/// Declares the optional query parameters in the OpenAPI document. The handlers read them from the query
/// themselves (<see cref="QueryParameters"/>) so that a bad value gets a 400 naming the parameter and reason.
/// </summary>
internal static class QueryParameterDocs
{
    public static RouteHandlerBuilder WithQueryParameters(this RouteHandlerBuilder builder, params (string Name, JsonSchemaType Type, string Description)[] parameters) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            foreach (var (name, type, description) in parameters)
            {
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = name,
                    In = ParameterLocation.Query,
                    Required = false,
                    Description = description,
                    Schema = new OpenApiSchema { Type = type },
                });
            }
            return Task.CompletedTask;
        });

    public static readonly (string, JsonSchemaType, string) Count =
        ("count", JsonSchemaType.Integer, $"Number of tracks, 1..{QueryParameters.MaxCount}.");

    public static readonly (string, JsonSchemaType, string) SessionId =
        ("sessionId", JsonSchemaType.String, "The player's current session id; when it differs from the stored session, the stored session's vector and skips are not used.");

    public static readonly (string, JsonSchemaType, string) Exclude =
        ("exclude", JsonSchemaType.String, $"Comma-separated track ids never to return (at most {QueryParameters.MaxExcluded}).");

    public static readonly (string, JsonSchemaType, string) At =
        ("at", JsonSchemaType.String, "The client's time (RFC 3339 with an offset); default the server's. Decides whether the stored session is still live (30 min of silence ends it).");

    public static readonly (string, JsonSchemaType, string) Year =
        ("year", JsonSchemaType.Integer, "Calendar year YYYY (UTC, event time); default: the latest year with a counted play.");
}
