using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Reflection;
using Streaming.TestInfrastructure;
using Streaming.TestInfrastructure.Processes;

namespace Streaming.Benchmarks.Gateway;

/// <summary>
/// The gateway as a child process (its own GC and thread pool, as deployed), built by this project's reference
/// in the same configuration, with the no-op endpoint on and rate limiting off.
/// </summary>
internal sealed class GatewayProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private GatewayProcess(ChildProcess process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public static string DllPath
    {
        get
        {
            var configuration = typeof(GatewayProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
            return RepoPaths.Combine("services", "Streaming.Gateway", "bin", configuration, "net10.0", "Streaming.Gateway.dll");
        }
    }

    public static GatewayProcess Start(string bootstrapServers, string topic, string signingKey)
    {
        if (!File.Exists(DllPath))
        {
            throw new FileNotFoundException("Build the gateway first (dotnet run -c Release builds it through the project reference).", DllPath);
        }
        var port = FreePort.Next();
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__kafka"] = bootstrapServers,
            ["Gateway__Topic"] = topic,
            ["Gateway__EnableBenchmarkEndpoints"] = "true",
            ["RateLimiting__Enabled"] = "false",
            ["Auth__SigningKey"] = signingKey,
            ["Logging__LogLevel__Default"] = "Warning",
        };
        var process = ChildProcess.Start("gateway", DotNetHost.Path, [DllPath], Path.GetDirectoryName(DllPath), environment);
        return new GatewayProcess(process, new Uri($"http://127.0.0.1:{port}"));
    }

    public async Task WaitUntilReadyAsync(HttpClient client, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_process.HasExited)
            {
                throw new InvalidOperationException("The gateway exited while starting." + Environment.NewLine + _process.DescribeOutput());
            }
            try
            {
                using var response = await client.GetAsync(new Uri(Address, "/health/ready"), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(250, cancellationToken);
        }
        throw new TimeoutException("The gateway did not become ready." + Environment.NewLine + _process.DescribeOutput());
    }

    /// <summary>CPU time the gateway process has used so far.</summary>
    public TimeSpan CpuTime()
    {
        using var process = Process.GetProcessById(_process.Id);
        return process.TotalProcessorTime;
    }

    public string Output() => _process.DescribeOutput();

    public async ValueTask DisposeAsync() => await _process.DisposeAsync();
}
