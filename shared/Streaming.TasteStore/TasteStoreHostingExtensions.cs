using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Trace;
using StackExchange.Redis;
using Streaming.ServiceDefaults;
using Streaming.TasteStore;

namespace Microsoft.Extensions.Hosting;

public static class TasteStoreHostingExtensions
{
    public const string RedisConnectionName = "redis";

    /// <summary>
    /// Registers <see cref="TasteStore"/> (options section <c>TasteStore</c>), the process's
    /// <see cref="IConnectionMultiplexer"/> from <c>ConnectionStrings:redis</c> unless one is registered,
    /// Redis tracing and the readiness check <c>taste-store</c> (tag ready).
    /// </summary>
    /// <param name="traceRedisCommands">
    /// One span per Redis command (right for request/response services). Batch writers that issue thousands of
    /// commands per unit of work pass false and trace their phases instead.
    /// </param>
    public static IHostApplicationBuilder AddTasteStore(this IHostApplicationBuilder builder, bool traceRedisCommands = true)
    {
        var services = builder.Services;
        if (services.Any(d => d.ServiceType == typeof(TasteStore)))
        {
            return builder;
        }
        services.AddValidatedOptions<TasteStoreOptions>(TasteStoreOptions.Section);
        services.TryAddSingleton<IConnectionMultiplexer>(sp =>
        {
            var connection = sp.GetRequiredService<IConfiguration>().GetConnectionString(RedisConnectionName)
                             ?? throw new InvalidOperationException($"ConnectionStrings:{RedisConnectionName} is required.");
            var options = ConfigurationOptions.Parse(connection);
            options.AbortOnConnectFail = false;
            return ConnectionMultiplexer.Connect(options);
        });
        services.AddSingleton<TasteStore>();
        services.AddHealthChecks().AddCheck<TasteStoreHealthCheck>(TasteStoreHealthCheck.Name, tags: [HealthTags.Ready]);
        if (traceRedisCommands)
        {
            services.ConfigureOpenTelemetryTracerProvider(t => t.AddRedisInstrumentation());
        }
        return builder;
    }
}
