using System.Diagnostics;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Streaming.AppHost.Supervision;

namespace Streaming.AppHost.Tests;

/// <summary>The supervisor under Aspire's real orchestrator: a supervised process killed with SIGKILL runs again.</summary>
public sealed class ResourceSupervisorTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>The snapshot property in which DCP reports an executable's process id.</summary>
    private const string ExecutablePidProperty = "executable.pid";

    [Fact]
    public async Task ExecuteAsync_SupervisedProcessKilled_StartsItAgain()
    {
        var builder = CreateBuilder();
        builder.AddResourceSupervisor();
        builder.AddExecutable("sleeper", "sleep", Path.GetTempPath(), "300").WithRestartOnFailure();
        await using var app = await builder.BuildAsync();
        using var timeout = new CancellationTokenSource(Patience);
        await app.StartAsync(timeout.Token);

        var first = await RunningPidAsync(app, except: null, timeout.Token);
        using (var process = Process.GetProcessById(first))
        {
            process.Kill(); // SIGKILL: exit code 137, a crash to the supervisor
        }
        var second = await RunningPidAsync(app, except: first, timeout.Token);

        Assert.NotEqual(first, second);
    }

    /// <summary>
    /// An empty application on the AppHost's orchestrator: the AppHost assembly carries the DCP paths (its
    /// <c>dcpclipath</c> metadata). The public <c>Create</c> finds that assembly only on the call stack, so the
    /// overload that takes it is called by name.
    /// </summary>
    private static IDistributedApplicationTestingBuilder CreateBuilder()
    {
        var create = typeof(DistributedApplicationTestingBuilder).GetMethod(
            nameof(DistributedApplicationTestingBuilder.Create),
            System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic,
            [typeof(string[]), typeof(Action<DistributedApplicationOptions, Microsoft.Extensions.Hosting.HostApplicationBuilderSettings>), typeof(System.Reflection.Assembly)])
            ?? throw new InvalidOperationException("Aspire.Hosting.Testing has no Create(args, configure, appHostAssembly) any more.");
        Action<DistributedApplicationOptions, Microsoft.Extensions.Hosting.HostApplicationBuilderSettings> configure = (_, _) => { };
        return (IDistributedApplicationTestingBuilder)create.Invoke(null, [Array.Empty<string>(), configure, typeof(SupervisionExtensions).Assembly])!;
    }

    private static async Task<int> RunningPidAsync(DistributedApplication app, int? except, CancellationToken cancellationToken)
    {
        await foreach (var change in app.ResourceNotifications.WatchAsync(cancellationToken))
        {
            if (change.Resource.Name != "sleeper" || change.Snapshot.State?.Text != KnownResourceStates.Running)
            {
                continue;
            }
            var pid = change.Snapshot.Properties.FirstOrDefault(p => p.Name == ExecutablePidProperty)?.Value;
            if (pid is not null && Convert.ToInt32(pid, System.Globalization.CultureInfo.InvariantCulture) is var id && id != except)
            {
                return id;
            }
        }
        throw new OperationCanceledException("The sleeper never ran.");
    }
}
