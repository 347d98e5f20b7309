using System.Diagnostics;
using System.Globalization;

namespace Streaming.TestInfrastructure.Processes;

/// <summary>
/// A built service (<c>dotnet X.dll</c>) as a child process, configured by environment variables, with console logs
/// kept so a test can check what it logged while stopping. Kestrel binds port 0 and the port is read from the
/// "Now listening on:" line, so no other process can take the port between a probe and the bind, and no request
/// of the test can reach somebody else's server.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private const string ListeningPrefix = "Now listening on: http://127.0.0.1:";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly ChildProcess _process;
    private readonly Task<int> _port;

    private ServiceProcess(ChildProcess process)
    {
        _process = process;
        _port = ReadPortAsync(process);
    }

    public ChildProcess Process => _process;

    /// <summary>The port Kestrel bound (waits for it to listen).</summary>
    public Task<int> PortAsync => _port;

    /// <summary>The port; only after <see cref="StartAsync"/> (or once <see cref="PortAsync"/> completed).</summary>
    public int Port => _port.IsCompletedSuccessfully ? _port.Result : throw new InvalidOperationException($"{_process.Name} is not listening yet.");

    public Uri BaseAddress => new($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/");

    /// <summary>Starts <paramref name="dll"/> without waiting (its port becomes known when it listens).</summary>
    public static ServiceProcess Launch(string name, string dll, IReadOnlyDictionary<string, string?> environment)
    {
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"{name}: {dll} not found (build the service project).", dll);
        }
        var env = new Dictionary<string, string?>(environment)
        {
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            // The line that names the bound port.
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
        };
        env.TryAdd("DOTNET_ENVIRONMENT", "Development");
        env.TryAdd("ASPNETCORE_ENVIRONMENT", "Development");
        return new ServiceProcess(ChildProcess.Start(name, DotNetHost.Path, [dll], Path.GetDirectoryName(dll), env));
    }

    /// <summary>Starts <paramref name="dll"/> and waits until <paramref name="readyPath"/> answers 200.</summary>
    public static async Task<ServiceProcess> StartAsync(
        string name, string dll, IReadOnlyDictionary<string, string?> environment, string readyPath = "health/live")
    {
        var service = Launch(name, dll, environment);
        try
        {
            await service.WaitForStatusAsync(readyPath, 200, StartTimeout);
            return service;
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }
    }

    public async Task<HttpClient> CreateClientAsync(TimeSpan? timeout = null) =>
        new() { BaseAddress = new Uri($"http://127.0.0.1:{(await _port).ToString(CultureInfo.InvariantCulture)}/"), Timeout = timeout ?? TimeSpan.FromSeconds(10) };

    public async Task<int> GetStatusAsync(string path)
    {
        using var http = await CreateClientAsync();
        using var response = await http.GetAsync(path);
        return (int)response.StatusCode;
    }

    public async Task<string> GetStringAsync(string path)
    {
        using var http = await CreateClientAsync();
        return await http.GetStringAsync(path);
    }

    /// <summary>Polls <paramref name="path"/> until it answers <paramref name="status"/>; fails with the logs at the deadline or exit.</summary>
    public async Task WaitForStatusAsync(string path, int status, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        await _port.WaitAsync(timeout);
        var last = "no answer yet";
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{_process.Name} exited (code {_process.ExitCode}) before {path} answered {status}.{Environment.NewLine}{_process.DescribeOutput()}");
            }
            try
            {
                var got = await GetStatusAsync(path);
                if (got == status)
                {
                    return;
                }
                last = got.ToString(CultureInfo.InvariantCulture);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                last = e.Message;
            }
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"{_process.Name}: {path} did not answer {status} within {timeout.TotalSeconds:0} s (last: {last}).{Environment.NewLine}{_process.DescribeOutput()}");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>A metric from /metrics, summed over its series (those with <paramref name="label"/> only, when given); 0 when absent.</summary>
    public async Task<double> ReadMetricSumAsync(string prometheusName, string? label = null) =>
        PrometheusText.Sum(await GetStringAsync("metrics"), prometheusName, label);

    /// <summary>
    /// The managed heap left by the last garbage collection, in MiB, all generations (the runtime's
    /// <c>dotnet.gc.last_collection.heap.size</c>): what a leak grows, unlike RSS, which also holds heap the GC keeps.
    /// </summary>
    public async Task<double> ReadHeapAfterLastCollectionMiBAsync() =>
        await ReadMetricSumAsync("dotnet_gc_last_collection_heap_size_bytes") / (1024.0 * 1024.0);

    /// <summary>SIGTERM and the outcome (see <see cref="ChildProcess.StopAsync"/>).</summary>
    public Task<StopOutcome> StopAsync(TimeSpan patience) => _process.StopAsync(patience);

    public async ValueTask DisposeAsync() => await _process.DisposeAsync();

    private static async Task<int> ReadPortAsync(ChildProcess process)
    {
        var line = await process.WaitForOutputLineAsync(l => l.Contains(ListeningPrefix, StringComparison.Ordinal), StartTimeout, "the port it listens on");
        var digits = line[(line.IndexOf(ListeningPrefix, StringComparison.Ordinal) + ListeningPrefix.Length)..].TrimEnd('/', ' ');
        return int.Parse(digits, CultureInfo.InvariantCulture);
    }
}
