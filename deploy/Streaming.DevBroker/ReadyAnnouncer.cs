using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Streaming.DevBroker;

/// <summary>
/// Prints the one machine-readable stdout line tools wait for, once the cluster and the control API are up:
/// <c>DEVBROKER READY bootstrap=HOST:PORT[,...] control=http://HOST:PORT brokers=N</c>.
/// Logs go to stderr, so stdout carries only this line.
/// </summary>
public sealed class ReadyAnnouncer(IHostApplicationLifetime lifetime, IServer server, DevBrokerRuntime runtime) : IHostedService
{
    public const string Prefix = "DEVBROKER READY";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(Announce);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Announce()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var control = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
                      ?? addresses.FirstOrDefault()
                      ?? "";
        Console.Out.WriteLine($"{Prefix} bootstrap={runtime.BootstrapServers} control={control} brokers={runtime.Forwarders.Count}");
        Console.Out.Flush();
    }
}
