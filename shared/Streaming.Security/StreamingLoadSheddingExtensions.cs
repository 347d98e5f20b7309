using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.OpenApi;
using Streaming.ServiceDefaults;

namespace Streaming.Security;

public static class StreamingLoadSheddingExtensions
{
    /// <summary>
    /// Registers the process's <see cref="LoadShedder"/> (<see cref="LoadSheddingOptions"/>, section <c>LoadShedding</c>,
    /// validated on start). <see cref="StreamingRateLimitingExtensions.UseStreamingSecurity"/> puts it first.
    /// </summary>
    public static IHostApplicationBuilder AddStreamingLoadShedding(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<LoadSheddingOptions>(LoadSheddingOptions.Section);
        builder.Services.AddSingleton<LoadSheddingMetrics>();
        builder.Services.AddSingleton<LoadShedder>();
        return builder;
    }

    /// <summary>
    /// Marks the endpoints the process sheds beyond its capacity (503 + <c>Retry-After</c>, described in OpenAPI).
    /// Needs <see cref="AddStreamingLoadShedding"/>.
    /// </summary>
    public static RouteGroupBuilder ShedWhenOverloaded(this RouteGroupBuilder group)
    {
        ArgumentNullException.ThrowIfNull(group);
        group.WithMetadata(ShedWhenOverloadedMetadata.Instance);
        group.ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            if (operation.Responses?.GetValueOrDefault("503") is OpenApiResponse response)
            {
                response.Description = "Over capacity (the process serves LoadShedding:MaxConcurrentRequests at once) or not ready yet: retry after Retry-After.";
                response.Headers ??= new Dictionary<string, IOpenApiHeader>();
                response.Headers["Retry-After"] = new OpenApiHeader
                {
                    Description = "Seconds to wait before retrying.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Integer },
                };
            }
            return Task.CompletedTask;
        });
        return group;
    }

    /// <summary>The shedder's middleware, when <see cref="AddStreamingLoadShedding"/> registered one.</summary>
    internal static IApplicationBuilder UseStreamingLoadShedding(this IApplicationBuilder app)
    {
        if (app.ApplicationServices.GetService<LoadShedder>() is { } shedder)
        {
            app.Use(next => context => shedder.InvokeAsync(context, next));
        }
        return app;
    }
}
