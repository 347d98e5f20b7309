using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Streaming.Catalog.Core;
using Streaming.Catalog.Core.Hosting;

namespace Microsoft.Extensions.Hosting;

public static class CatalogSnapshotsHostingExtensions
{
    /// <summary>
    /// Registers the catalog snapshot for a service: <see cref="CatalogOptions"/> (section <c>Catalog</c>,
    /// <c>SnapshotDirectory</c> required), <see cref="CatalogSnapshotHolder"/> (inject it and read
    /// <c>Current</c>), the start-up loader (Redis <c>catalog:current</c> if an
    /// <c>IConnectionMultiplexer</c> is registered, else the newest file), the readiness check
    /// <c>catalog</c> (tag <c>ready</c>) and <see cref="ICatalogBus"/>: RabbitMQ when
    /// <c>ConnectionStrings:rabbitmq</c> is set (else in-memory), with a per-replica temporary endpoint
    /// so every replica receives each <c>CatalogVersionPublished</c>.
    /// </summary>
    public static IHostApplicationBuilder AddCatalogSnapshots(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        if (services.Any(d => d.ServiceType == typeof(CatalogSnapshotHolder)))
        {
            return builder;
        }
        services.AddOptions<CatalogOptions>()
            .BindConfiguration(CatalogOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<CatalogSnapshotHolder>();
        services.TryAddSingleton<CatalogSnapshotStore>();
        services.TryAddSingleton<CatalogSnapshotActivator>();
        services.TryAddSingleton<CatalogVersionRegistry>();
        services.TryAddSingleton<CatalogSnapshotLoader>();
        services.AddHostedService(sp => sp.GetRequiredService<CatalogSnapshotLoader>());
        services.AddHealthChecks().AddCheck<CatalogSnapshotHealthCheck>(CatalogSnapshotHealthCheck.Name, tags: ["ready"]);

        var rabbit = builder.Configuration.GetConnectionString("rabbitmq");
        services.AddMassTransit<ICatalogBus>(x =>
        {
            x.AddConsumer<CatalogVersionPublishedConsumer>();
            // A loaded snapshot keeps serving while the broker is away: the bus is not a readiness dependency.
            x.ConfigureHealthCheckOptions(o =>
            {
                o.Name = "catalog-bus";
                o.Tags.Clear();
                o.Tags.Add("masstransit");
                o.Tags.Add("catalog-bus");
            });
            if (!string.IsNullOrWhiteSpace(rabbit))
            {
                x.UsingRabbitMq((context, cfg) =>
                {
                    CatalogBusTransport.ConfigureHost(cfg, rabbit);
                    CatalogBusTransport.ConfigureReplicaEndpoint(context, cfg);
                });
            }
            else
            {
                x.UsingInMemory((context, cfg) => CatalogBusTransport.ConfigureReplicaEndpoint(context, cfg));
            }
        });
        return builder;
    }
}
