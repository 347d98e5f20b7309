using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Streaming.Security;

/// <summary>
/// Declares the JWT bearer scheme (<see cref="StreamingClaims"/>) in a service's OpenAPI document and requires it on
/// every operation; <paramref name="description"/> says what a token may do at that service.
/// </summary>
public sealed class BearerSecuritySchemeTransformer(string description) : IOpenApiDocumentTransformer
{
    private const string SchemeName = "Bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = description,
        };
        var requirement = new OpenApiSecurityRequirement
        {
            [new OpenApiSecuritySchemeReference(SchemeName, document)] = [],
        };
        foreach (var path in document.Paths.Values)
        {
            if (path.Operations is null)
            {
                continue;
            }
            foreach (var operation in path.Operations.Values)
            {
                operation.Security ??= [];
                operation.Security.Add(requirement);
            }
        }
        return Task.CompletedTask;
    }
}
