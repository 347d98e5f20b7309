using Microsoft.Extensions.DependencyInjection.Extensions;
using StackExchange.Redis;

namespace Streaming.Catalog;

public static class CatalogServiceExtensions
{
    /// <summary>
    /// The catalog service: snapshots (load, fan-out swap, readiness), Redis for <c>catalog:current</c>
    /// when <c>ConnectionStrings:redis</c> is set, the publisher (Redis + MassTransit announcement)
    /// and JSON source generation for the API.
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
}
