using MassTransit;

namespace Streaming.Catalog.Core.Hosting;

/// <summary>
/// Transport wiring of catalog announcements. Every replica listens on its own temporary
/// (auto-delete, uniquely named) queue bound to the <c>CatalogVersionPublished</c> fan-out
/// exchange, so one publish reaches every replica; a replica that starts later reads Redis.
/// </summary>
public static class CatalogBusTransport
{
    public const string EndpointTag = "catalog-version";

    /// <summary>Configures the RabbitMQ host from an <c>amqp://user:pass@host:port/vhost</c> URI.</summary>
    public static void ConfigureHost(IRabbitMqBusFactoryConfigurator cfg, string connectionString)
    {
        var uri = new Uri(connectionString);
        var port = uri.IsDefaultPort || uri.Port <= 0 ? (uri.Scheme == "amqps" ? 5671 : 5672) : uri.Port;
        var vhost = Uri.UnescapeDataString(uri.AbsolutePath.Trim('/'));
        cfg.Host(uri.Host, (ushort)port, vhost.Length == 0 ? "/" : vhost, h =>
        {
            if (!string.IsNullOrEmpty(uri.UserInfo))
            {
                var parts = uri.UserInfo.Split(':', 2);
                h.Username(Uri.UnescapeDataString(parts[0]));
                h.Password(parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : "");
            }
            if (uri.Scheme == "amqps")
            {
                h.UseSsl(_ => { });
            }
        });
    }

    /// <summary>Adds this replica's own temporary receive endpoint with the snapshot consumer.</summary>
    public static void ConfigureReplicaEndpoint(IBusRegistrationContext context, IBusFactoryConfigurator cfg)
    {
        cfg.ReceiveEndpoint(new TemporaryEndpointDefinition(EndpointTag), KebabCaseEndpointNameFormatter.Instance, e =>
        {
            // The shared volume may lag the announcement by a moment.
            e.UseMessageRetry(r => r.Intervals(500, 1000, 2000, 5000, 10000));
            e.ConfigureConsumer<CatalogVersionPublishedConsumer>(context);
        });
    }
}
