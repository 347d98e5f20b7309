using System.Reflection;
using Streaming.TestInfrastructure.Processes;

namespace Streaming.TestInfrastructure.DevBroker;

/// <summary>
/// Finds Streaming.DevBroker.dll: <see cref="DllEnvironmentVariable"/>, else the path baked in at build time
/// (this project references the DevBroker project, so it is built first), else any build under the repo,
/// else builds it.
/// </summary>
public static class DevBrokerLocator
{
    public const string DllEnvironmentVariable = "STREAMING_DEVBROKER_DLL";

    private const string DllName = "Streaming.DevBroker.dll";
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(5);
    private static readonly SemaphoreSlim BuildGate = new(1, 1);

    public static async Task<string> FindOrBuildAsync()
    {
        if (Find() is { } dll)
        {
            return dll;
        }

        await BuildGate.WaitAsync();
        try
        {
            if (Find() is { } built)
            {
                return built;
            }

            await BuildAsync();
            return Find() ?? throw new FileNotFoundException(
                $"{DllName} still missing after building {RepoPaths.DevBrokerProjectDirectory}.");
        }
        finally
        {
            BuildGate.Release();
        }
    }

    public static string? Find()
    {
        var configured = Environment.GetEnvironmentVariable(DllEnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured)
                ? configured
                : throw new FileNotFoundException($"{DllEnvironmentVariable} points to a missing file.", configured);
        }

        var baked = typeof(DevBrokerLocator).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "DevBrokerDll")?.Value;
        if (baked is not null && File.Exists(baked))
        {
            return baked;
        }

        if (RepoPaths.TryGetRoot() is null)
        {
            return null;
        }

        var bin = Path.Combine(RepoPaths.DevBrokerProjectDirectory, "bin");
        return Directory.Exists(bin)
            ? Directory.EnumerateFiles(bin, DllName, SearchOption.AllDirectories)
                .OrderByDescending(File.GetLastWriteTimeUtc)
                .FirstOrDefault()
            : null;
    }

    private static async Task BuildAsync()
    {
        var project = RepoPaths.DevBrokerProjectDirectory;
        await using var build = ChildProcess.Start(
            "dotnet build Streaming.DevBroker",
            DotNetHost.Path,
            ["build", project, "--nologo", "-v", "quiet"],
            project);
        using var cts = new CancellationTokenSource(BuildTimeout);
        var exited = await WaitForExitAsync(build, cts.Token);
        if (!exited)
        {
            throw new InvalidOperationException(
                $"Building {project} took longer than {BuildTimeout.TotalMinutes:0} min.{Environment.NewLine}{build.DescribeOutput()}");
        }
    }

    private static async Task<bool> WaitForExitAsync(ChildProcess process, CancellationToken cancellationToken)
    {
        while (!process.HasExited)
        {
            try
            {
                await Task.Delay(200, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        return true;
    }
}
