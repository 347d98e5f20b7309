using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text.Json;
using Streaming.TestInfrastructure;
using Streaming.TestInfrastructure.Processes;

namespace Streaming.Benchmarks.Recommender;

/// <summary>
/// The recommender as a child process (its own GC and thread pool, as deployed), built by this project's
/// reference in the same configuration, with the benchmark endpoints on, rate limiting and load shedding off (unless
/// <c>extra</c> turns them on).
/// </summary>
internal sealed class RecommenderProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private RecommenderProcess(ChildProcess process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>Environment variable naming the service dll to run (else the build output next to this bench, else the repo's bin).</summary>
    public const string DllVariable = "STREAMING_RECOMMENDER_DLL";

    public static string DllPath
    {
        get
        {
            if (Environment.GetEnvironmentVariable(DllVariable) is { Length: > 0 } configured)
            {
                return configured;
            }
            // --artifacts-path layout: bin/Streaming.Benchmarks/release/ next to bin/Streaming.Recommender/release/.
            var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var sibling = Path.Combine(here.Parent?.Parent?.FullName ?? "", "Streaming.Recommender", here.Name, "Streaming.Recommender.dll");
            if (File.Exists(sibling))
            {
                return sibling;
            }
            var configuration = typeof(RecommenderProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
            return RepoPaths.Combine("services", "Streaming.Recommender", "bin", configuration, "net10.0", "Streaming.Recommender.dll");
        }
    }

    /// <param name="dll">The service build to run (default <see cref="DllPath"/>; another build for an A/B).</param>
    public static RecommenderProcess Start(string redis, string keyPrefix, string snapshotDirectory, string signingKey, IReadOnlyDictionary<string, string?> extra, string? dll = null)
    {
        dll ??= DllPath;
        var port = FreePort.Next();
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_gcServer"] = "1",
            ["ConnectionStrings__redis"] = redis,
            ["TasteStore__KeyPrefix"] = keyPrefix,
            ["Catalog__SnapshotDirectory"] = snapshotDirectory,
            ["Auth__SigningKey"] = signingKey,
            ["Recommender__EnableBenchmarkEndpoints"] = "true",
            ["RateLimiting__Enabled"] = "false",
            // The service's own capacity is what these benches measure; the overload bench turns both limits on.
            ["LoadShedding__Enabled"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Streaming.Recommender"] = "Information",
        };
        foreach (var (key, value) in extra)
        {
            environment[key] = value;
        }
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException("Build the recommender first (dotnet run -c Release builds it through the project reference).", dll);
        }
        var process = ChildProcess.Start("recommender", DotNetHost.Path, [dll], Path.GetDirectoryName(dll), environment);
        return new RecommenderProcess(process, new Uri($"http://127.0.0.1:{port}"));
    }

    public async Task WaitUntilReadyAsync(HttpClient client, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_process.HasExited)
            {
                throw new InvalidOperationException("The recommender exited while starting." + Environment.NewLine + _process.DescribeOutput());
            }
            try
            {
                if ((await client.GetAsync(new Uri(Address, "/health/ready"), cancellationToken)).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(500, cancellationToken);
        }
        throw new TimeoutException("The recommender did not become ready." + Environment.NewLine + _process.DescribeOutput());
    }

    public string Output() => _process.DescribeOutput();

    /// <summary>CPU time the service process has used so far (user + system).</summary>
    public TimeSpan CpuTime()
    {
        using var process = System.Diagnostics.Process.GetProcessById(_process.Id);
        return process.TotalProcessorTime;
    }

    /// <summary>A Prometheus gauge value from <c>/metrics</c> (the first series of that name), or null.</summary>
    public async Task<double?> GaugeAsync(HttpClient client, string name)
    {
        var text = await client.GetStringAsync(new Uri(Address, "/metrics"));
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith(name, StringComparison.Ordinal) && (line.Length == name.Length || line[name.Length] is ' ' or '{'))
            {
                var value = line[(line.LastIndexOf(' ') + 1)..];
                return double.Parse(value, CultureInfo.InvariantCulture);
            }
        }
        return null;
    }

    /// <summary>Sum of the Prometheus series of <paramref name="name"/> whose labels contain <paramref name="label"/>.</summary>
    public async Task<double> SumAsync(HttpClient client, string name, string label)
    {
        return PrometheusText.Sum(await client.GetStringAsync(new Uri(Address, "/metrics")), name, label);
    }

    public Task ResetLatencyAsync(HttpClient client) => client.DeleteAsync(new Uri(Address, "/v1/bench/latency"));

    /// <summary>Server-side durations (ms) measured inside the service, from <c>GET /v1/bench/latency</c>.</summary>
    public async Task<(long Count, double P50, double P99, double Mean)> LatencyAsync(HttpClient client, string endpoint)
    {
        using var document = JsonDocument.Parse(await client.GetStringAsync(new Uri(Address, "/v1/bench/latency")));
        foreach (var entry in document.RootElement.EnumerateArray())
        {
            if (entry.GetProperty("endpoint").GetString() == endpoint)
            {
                return (entry.GetProperty("count").GetInt64(), entry.GetProperty("p50Ms").GetDouble(), entry.GetProperty("p99Ms").GetDouble(),
                    entry.GetProperty("meanMs").GetDouble());
            }
        }
        return (0, 0, 0, 0);
    }

    public async ValueTask DisposeAsync() => await _process.DisposeAsync();
}
