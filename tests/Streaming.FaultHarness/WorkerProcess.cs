using System.Globalization;
using Streaming.TestInfrastructure.Processes;

namespace Streaming.FaultHarness;

/// <summary>The worker as a separate process (<c>dotnet Streaming.TasteWorker.dll</c>), configured by environment variables.</summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    private readonly ServiceProcess _service;

    private WorkerProcess(ServiceProcess service) => _service = service;

    public static string Dll => ServiceDlls.Of(typeof(WorkerProcess).Assembly, "Streaming.TasteWorker");

    /// <summary>Starts the worker without waiting for it (tests wait for what they need: a write, a log line, a counter).</summary>
    public static WorkerProcess Start(WorkerSettings settings, params (string Key, string Value)[] extra)
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
            ["OTEL_SERVICE_NAME"] = "taste-worker",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Streaming.TasteWorker"] = "Information",
        };
        foreach (var (key, value) in extra)
        {
            env[key] = value;
        }
        return new WorkerProcess(ServiceProcess.Launch("taste-worker", Dll, env));
    }

    public int ProcessId => _service.Process.Id;

    /// <summary>Process.Kill: no graceful stop, no final commit.</summary>
    public Task KillAsync() => _service.Process.KillAsync();

    /// <summary>SIGTERM (what Kubernetes sends): the host stops gracefully; see <see cref="ChildProcess.StopAsync"/>.</summary>
    public Task<StopOutcome> StopAsync(TimeSpan patience) => _service.StopAsync(patience);

    public string DescribeOutput() => _service.Process.DescribeOutput();

    /// <summary>Waits for a log line of the worker (stdout) that matches.</summary>
    public Task<string> WaitForLogAsync(Func<string, bool> match, TimeSpan timeout, string waitingFor) =>
        _service.Process.WaitForOutputLineAsync(match, timeout, waitingFor);

    public Task<int> GetStatusAsync(string path) => _service.GetStatusAsync(path);

    /// <summary>Polls a status path until it answers <paramref name="status"/> (the first readiness probe builds the Kafka admin client).</summary>
    public Task WaitForStatusAsync(string path, int status, TimeSpan timeout) => _service.WaitForStatusAsync(path, status, timeout);

    public Task<string> ReadMetricsAsync() => _service.GetStringAsync("metrics");

    /// <summary>A counter from /metrics, summed over its series (those with <paramref name="label"/> only, when given); 0 when absent.</summary>
    public Task<double> ReadCounterAsync(string prometheusName, string? label = null) => _service.ReadMetricSumAsync(prometheusName, label);

    /// <summary>The managed heap left by the last garbage collection, in MiB (all generations).</summary>
    public Task<double> ReadHeapAfterLastCollectionMiBAsync() => _service.ReadHeapAfterLastCollectionMiBAsync();

    public ValueTask DisposeAsync() => _service.DisposeAsync();
}
