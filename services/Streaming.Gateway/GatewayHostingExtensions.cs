using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Streaming.Gateway.Api;
using Streaming.Gateway.Endpoints;
using Streaming.Gateway.Publishing;
using Streaming.Gateway.Telemetry;
using Streaming.Messaging;
using Streaming.Security;
using Streaming.ServiceDefaults;

namespace Streaming.Gateway;

public static class GatewayHostingExtensions
{
    /// <summary>Options, the Kafka producer (and its readiness check), auth, rate limits, problem details, OpenAPI.</summary>
    public static WebApplicationBuilder AddGateway(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<GatewayOptions>(GatewayOptions.Section);
        builder.AddKafkaProducer();
        builder.AddStreamingAuthentication();
        builder.AddStreamingRateLimiting();
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, GatewayJsonContext.Default));
        builder.Services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<GatewayOptions>>((kestrel, gateway) => kestrel.Limits.MaxRequestBodySize = gateway.Value.MaxRequestBodyBytes);
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer(new BearerSecuritySchemeTransformer("sub = user id (or service name), role = user | service")));
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<GatewayMetrics>();
        builder.Services.AddSingleton<ListeningEventPublisher>();
        builder.Services.AddHostedService<GatewayStartup>();
        return builder;
    }

    /// <summary>Problem details for errors and bare status codes, then authentication, rate limiting, authorization.</summary>
    public static WebApplication UseGateway(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseStreamingSecurity();
        return app;
    }

    /// <summary>
    /// <c>POST /v1/events</c>, <c>DELETE /v1/users/{userId}</c>, <c>/openapi/v1.json</c>, and with
    /// <c>Gateway:EnableBenchmarkEndpoints</c> <c>POST /v1/noop</c> (the events pipeline without Kafka).
    /// </summary>
    public static WebApplication MapGatewayEndpoints(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();

        var v1 = app.MapGroup("/v1")
            .RequireAuthorization(StreamingPolicies.Client)
            .RequireRateLimiting(StreamingRateLimitingExtensions.PerClientPolicy);

        v1.MapPost("/events", EventsEndpoint.PostEventsAsync)
            .WithName("PostEvents")
            .WithSummary("Posts a batch of up to 500 listening events")
            .WithDescription("202: at least one event valid and every valid event durable in Kafka (rejected ones listed). " +
                             "400: no valid event, or the body is not a batch. 403: events of another user with a user token. " +
                             "413: body too large. 429: rate limit (Retry-After). 503: Kafka did not acknowledge (Retry-After, notStored).")
            .Accepts<ListeningEventBatchRequest>("application/json")
            .Produces<EventBatchAccepted>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        v1.MapDelete("/users/{userId}", ErasureEndpoint.DeleteUserAsync)
            .WithName("EraseUser")
            .WithSummary("Erases a user: an erasure record ordered after all of the user's events")
            .Produces<ErasureAccepted>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        if (app.Services.GetRequiredService<IOptions<GatewayOptions>>().Value.EnableBenchmarkEndpoints)
        {
            v1.MapPost("/noop", EventsEndpoint.PostNoopAsync).ExcludeFromDescription();
        }
        return app;
    }
}
