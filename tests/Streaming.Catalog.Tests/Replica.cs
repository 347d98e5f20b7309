using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Streaming.Catalog.Core.Hosting;

namespace Streaming.Catalog.Tests;

/// <summary>A host that uses the catalog like a recommender or worker replica would (AddCatalogSnapshots).</summary>
internal sealed class Replica : IAsyncDisposable
{
    private readonly IHost _host;

    private Replica(IHost host) => _host = host;

    public CatalogSnapshotHolder Holder => _host.Services.GetRequiredService<CatalogSnapshotHolder>();

    public IServiceProvider Services => _host.Services;

    public static async Task<Replica> StartAsync(string snapshotDirectory, string? rabbitmq = null, string? redis = null, Action<IServiceCollection>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder();
        var settings = new Dictionary<string, string?> { ["Catalog:SnapshotDirectory"] = snapshotDirectory, ["Catalog:PollInterval"] = "00:00:01" };
        if (rabbitmq is not null)
        {
            settings["ConnectionStrings:rabbitmq"] = rabbitmq;
        }
        builder.Configuration.AddInMemoryCollection(settings);
        if (redis is not null)
        {
            builder.Services.AddSingleton<StackExchange.Redis.IConnectionMultiplexer>(_ => StackExchange.Redis.ConnectionMultiplexer.Connect(redis));
        }
        configure?.Invoke(builder.Services);
        builder.AddCatalogSnapshots();
        // StartAsync returns once the bus's receive endpoint is bound, so a test's publish is never sent before it listens.
        builder.Services.Configure<MassTransit.MassTransitHostOptions>(o => o.WaitUntilStarted = true);
        var host = builder.Build();
        await host.StartAsync();
        return new Replica(host);
    }

    /// <summary>Waits until the holder has <paramref name="version"/> (no timing assertion: a generous cap only).</summary>
    public async Task WaitForVersionAsync(string version, TimeSpan? cap = null)
    {
        using var cts = new CancellationTokenSource(cap ?? TimeSpan.FromSeconds(60));
        while (Holder.Current?.Version != version)
        {
            await Task.Delay(50, cts.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
