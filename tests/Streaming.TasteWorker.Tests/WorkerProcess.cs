using System.Globalization;
using System.Reflection;
using Streaming.TestInfrastructure;
using Streaming.TestInfrastructure.Processes;

namespace Streaming.TasteWorker.Tests;

/// <summary>The worker as a separate process (<c>dotnet Streaming.TasteWorker.dll</c>), configured by environment variables.</summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    private ChildProcess? _process;

    private WorkerProcess(int port) => Port = port;

    public int Port { get; }

    public static string Dll
    {
        get
        {
            var baked = typeof(WorkerProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .FirstOrDefault(a => a.Key == "TasteWorkerDll")?.Value;
            return baked is not null && File.Exists(baked)
                ? baked
                : throw new FileNotFoundException($"Streaming.TasteWorker.dll not found at '{baked}' (build the worker project).");
        }
    }

    public static WorkerProcess Start(WorkerSettings settings, params (string Key, string Value)[] extra)
    {
        var worker = new WorkerProcess(FreePort.Next());
        worker.Launch(settings, extra);
        return worker;
    }

    public void Launch(WorkerSettings settings, params (string Key, string Value)[] extra)
    {
        var env = new Dictionary<string, string?>
        {
            ["ConnectionStrings__kafka"] = settings.Bootstrap,
            ["ConnectionStrings__redis"] = settings.Redis,
            ["Catalog__SnapshotDirectory"] = settings.CatalogDirectory,
            ["TasteStore__KeyPrefix"] = settings.KeyPrefix,
            ["TasteWorker__Topic"] = settings.Topic,
            ["TasteWorker__DeadLetterTopic"] = settings.DeadLetterTopic,
            ["Kafka__Consumer__GroupId"] = settings.GroupId,
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:" + Port.ToString(CultureInfo.InvariantCulture),
            ["OTEL_SERVICE_NAME"] = "taste-worker",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Streaming.TasteWorker"] = "Information",
            ["DOTNET_ENVIRONMENT"] = "Development",
        };
        foreach (var (key, value) in extra)
        {
            env[key] = value;
        }
        _process = ChildProcess.Start("taste-worker", DotNetHost.Path, [Dll], Path.GetDirectoryName(Dll), env);
    }

    /// <summary>Process.Kill: no graceful stop, no final commit.</summary>
    public async Task KillAsync()
    {
        if (_process is not null)
        {
            await _process.KillAsync();
        }
    }

    /// <summary>SIGTERM (what Kubernetes sends): the host stops gracefully. Returns when the process has exited.</summary>
    public async Task TerminateAsync(TimeSpan timeout)
    {
        var process = _process ?? throw new InvalidOperationException("not started");
        using (var kill = System.Diagnostics.Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }
        var deadline = DateTime.UtcNow + timeout;
        while (!process.HasExited)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("the worker did not stop after SIGTERM: " + process.DescribeOutput());
            }
            await Task.Delay(50);
        }
    }

    public string DescribeOutput() => _process?.DescribeOutput() ?? "(not started)";

    /// <summary>Waits for a log line of the worker (stdout) that matches.</summary>
    public Task<string> WaitForLogAsync(Func<string, bool> match, TimeSpan timeout, string waitingFor) =>
        (_process ?? throw new InvalidOperationException("not started")).WaitForOutputLineAsync(match, timeout, waitingFor);

    public async Task<int> GetStatusAsync(string path)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}/"), Timeout = TimeSpan.FromSeconds(10) };
        using var response = await http.GetAsync(path);
        return (int)response.StatusCode;
    }

    public async Task<string> ReadMetricsAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}/"), Timeout = TimeSpan.FromSeconds(5) };
        return await http.GetStringAsync("metrics");
    }

    /// <summary>A counter from /metrics (0 when absent).</summary>
    public async Task<double> ReadCounterAsync(string prometheusName)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}/"), Timeout = TimeSpan.FromSeconds(5) };
        var text = await http.GetStringAsync("metrics");
        return text.Split('\n')
            .Where(l => l.StartsWith(prometheusName, StringComparison.Ordinal))
            .Select(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture))
            .Sum();
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
    }
}

public sealed record WorkerSettings(
    string Bootstrap, string Redis, string CatalogDirectory, string KeyPrefix, string Topic, string DeadLetterTopic, string GroupId);
