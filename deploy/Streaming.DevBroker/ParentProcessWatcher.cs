using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace Streaming.DevBroker;

/// <summary>Stops the app when <see cref="DevBrokerOptions.ParentPid"/> exits, so killed test runs leave no broker behind.</summary>
public sealed class ParentProcessWatcher(
    IOptions<DevBrokerOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<ParentProcessWatcher> logger) : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.ParentPid is not { } parentPid)
        {
            return;
        }

        using var timer = new PeriodicTimer(PollInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (!IsAlive(parentPid))
            {
                DevBrokerLog.ParentExited(logger, parentPid);
                lifetime.StopApplication();
                return;
            }
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
