using Microsoft.Extensions.DependencyInjection.Extensions;
using StackExchange.Redis;
using Streaming.Catalog.Additions;
using Streaming.Security;

namespace Streaming.Catalog;

public static class CatalogServiceExtensions
{
    /// <summary>
    /// The catalog service: snapshots (load, fan-out swap, readiness), Redis for <c>catalog:current</c>
    /// when <c>ConnectionStrings:redis</c> is set, the publisher (Redis + MassTransit announcement)
    /// and JSON source generation for the API. The CLI's <c>publish</c> uses this part alone.
    /// </summary>
    public static IHostApplicationBuilder AddCatalogService(this IHostApplicationBuilder builder)
    {
        var redis = builder.Configuration.GetConnectionString("redis");
        if (!string.IsNullOrWhiteSpace(redis))
        {
            builder.Services.TryAddSingleton<IConnectionMultiplexer>(_ =>
            {
                var options = ConfigurationOptions.Parse(redis);
                options.AbortOnConnectFail = false;
                return ConnectionMultiplexer.Connect(options);
            });
        }
        builder.AddCatalogSnapshots();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<CatalogPublisher>();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, CatalogJsonContext.Default));
        return builder;
    }

    /// <summary>
    /// The HTTP API on top of <see cref="AddCatalogService"/>: bearer authentication and per-client rate limits
    /// (Streaming.Security, section <c>Auth</c>, as the gateway and recommender), problem details, the write lock and
    /// the track appender.
    /// </summary>
    public static IHostApplicationBuilder AddCatalogApi(this IHostApplicationBuilder builder)
    {
        builder.AddCatalogService();
        builder.AddStreamingAuthentication();
        builder.AddStreamingRateLimiting();
        builder.Services.AddProblemDetails();
        builder.Services.TryAddSingleton<CatalogWriteLock>();
        builder.Services.TryAddSingleton<TrackAppender>();
        return builder;
    }

    /// <summary>Problem details for errors and bare status codes (401/403 included), then authentication, rate limiting, authorization.</summary>
    public static WebApplication UseCatalogApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseStreamingSecurity();
        return app;
    }
}
