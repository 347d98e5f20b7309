using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Streaming.Catalog.Core.Hosting;

namespace Streaming.Catalog.Tests;

/// <summary>
/// The catalog service (its Program, in memory) on a snapshot directory, with Redis and RabbitMQ when given (else
/// none / the in-memory bus) and the test run's signing key. Several may share one directory and Redis, as replicas do.
/// </summary>
internal sealed class CatalogServiceHost : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _factory;

    private CatalogServiceHost(WebApplicationFactory<Program> factory) => _factory = factory;

    public CatalogSnapshotHolder Holder => _factory.Services.GetRequiredService<CatalogSnapshotHolder>();

    public static async Task<CatalogServiceHost> StartAsync(string snapshotDirectory, string? redis = null, string? rabbitmq = null)
    {
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("Catalog:SnapshotDirectory", snapshotDirectory);
            b.UseSetting("Catalog:PollInterval", "00:00:01");
            b.UseSetting("ConnectionStrings:redis", redis ?? "");
            b.UseSetting("ConnectionStrings:rabbitmq", rabbitmq ?? "");
            b.UseSetting("Auth:SigningKey", TestAuth.Options.SigningKey);
            b.UseSetting("RateLimiting:Enabled", "false");
            // Announcements are sent only once the bus's own endpoint is bound.
            b.ConfigureServices(services => services.Configure<MassTransit.MassTransitHostOptions>(o => o.WaitUntilStarted = true));
        });
        var host = new CatalogServiceHost(factory);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await host.Holder.WhenLoadedAsync(cts.Token);
        return host;
    }

    public HttpClient Client(AuthenticationHeaderValue? authorization = null)
    {
        var client = _factory.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(60);
        client.DefaultRequestHeaders.Authorization = authorization;
        return client;
    }

    public HttpClient ServiceClient() => Client(TestAuth.Service());

    public ValueTask DisposeAsync() => _factory.DisposeAsync();
}
