using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using Streaming.TestInfrastructure.DevBroker;

namespace Streaming.Gateway.Tests.Support;

/// <summary>
/// The real gateway (its Program) on Kestrel at 127.0.0.1 on a free port, configured for one test: the dev
/// broker's bootstrap, the test's topic, the test signing key, plus any overrides.
/// </summary>
internal sealed class GatewayTestHost : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    private GatewayTestHost(Dictionary<string, string?> settings)
    {
        _settings = settings;
        UseKestrel(0);
    }

    public static GatewayTestHost Start(DevBrokerFixture broker, string topic, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:kafka"] = broker.BootstrapServers,
            ["Gateway:Topic"] = topic,
            ["Auth:SigningKey"] = TestAuth.Options.SigningKey,
            ["OTEL_SERVICE_NAME"] = "gateway-test",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        var host = new GatewayTestHost(settings);
        host.StartServer();
        return host;
    }

    /// <summary>Where Kestrel listens (http://127.0.0.1:PORT/).</summary>
    public Uri BaseAddress => new(Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());

    /// <summary>
    /// A plain HTTP client of the Kestrel server, with a bearer token when given. It adds no trace headers of
    /// its own (the gateway's tracing listens in this process too), so a test's traceparent reaches the server as sent.
    /// </summary>
    public HttpClient Client(AuthenticationHeaderValue? authorization = null)
    {
        // No propagator: the client adds or rewrites no trace headers.
        var handler = new SocketsHttpHandler { ActivityHeadersPropagator = null };
        var client = new HttpClient(handler) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = authorization;
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureLogging(logging => logging
            .AddFilter("Streaming.Messaging", LogLevel.Error)
            .AddFilter("Microsoft.AspNetCore", LogLevel.Warning));
    }
}
