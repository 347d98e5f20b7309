using System.Diagnostics;
using System.Globalization;
using StackExchange.Redis;
using Streaming.TestInfrastructure.Processes;
using Xunit;

namespace Streaming.TestInfrastructure.Redis;

/// <summary>
/// A real three-node Redis Cluster (no replicas): three <c>redis-server --cluster-enabled yes</c> on free loopback
/// ports, each with its own free cluster bus port, joined by <c>redis-cli --cluster create</c>. Every key lives on
/// one of three shards, so code that mixes hash slots in one command or script fails here as it would in
/// production. Redis 7.0 (Debian's) is the oldest server it runs on.
/// </summary>
public sealed class RedisClusterFixture : IRedisFixture, IAsyncLifetime, IAsyncDisposable
{
    private const int Nodes = 3;
    private static readonly TimeSpan FormTimeout = TimeSpan.FromSeconds(30);

    private readonly RedisServerFixture[] _nodes = Enumerable.Range(0, Nodes).Select(_ => new RedisServerFixture(port =>
        ["--cluster-enabled", "yes",
         "--cluster-config-file", $"nodes-{port.ToString(CultureInfo.InvariantCulture)}.conf",
         // The bus port defaults to port + 10000, which nobody reserved: take a free one.
         "--cluster-port", FreePort.Next().ToString(CultureInfo.InvariantCulture),
         "--cluster-node-timeout", "5000"])).ToArray();

    private ConnectionMultiplexer? _connection;

    /// <summary>StackExchange.Redis configuration string naming every node (<c>ConnectionStrings:redis</c>).</summary>
    public string ConnectionString =>
        string.Join(',', _nodes.Select(n => n.Endpoint)) + ",abortConnect=false,connectTimeout=2000,syncTimeout=5000";

    /// <summary>A cluster-aware multiplexer shared by the tests of this fixture.</summary>
    public IConnectionMultiplexer Connection => _connection ?? throw new InvalidOperationException("RedisClusterFixture is not initialized.");

    public async Task InitializeAsync()
    {
        await Task.WhenAll(_nodes.Select(n => n.InitializeAsync()));
        await CreateClusterAsync();
        await WaitForStateOkAsync();
        _connection = await ConnectionMultiplexer.ConnectAsync(ConnectionString);
        // abortConnect=false returns before a slow node's connection is up (a loaded CI machine): wait for all three.
        var deadline = DateTime.UtcNow + FormTimeout;
        int primaries;
        while ((primaries = _connection.GetServers().Count(s => s.IsConnected && !s.IsReplica)) != Nodes)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"the client sees {primaries} connected primaries of {Nodes}.");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>A cluster of one test alone (<c>await using</c>): for tests of keys every process shares.</summary>
    public static async Task<RedisClusterFixture> StartPrivateAsync()
    {
        var cluster = new RedisClusterFixture();
        await cluster.InitializeAsync();
        return cluster;
    }

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

    public async Task DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
        await Task.WhenAll(_nodes.Select(n => n.DisposeAsync()));
    }

    private async Task CreateClusterAsync()
    {
        var cli = Path.Combine(Path.GetDirectoryName(RedisServerFixture.FindServer())!, "redis-cli");
        var startInfo = new ProcessStartInfo(File.Exists(cli) ? cli : "redis-cli")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["--cluster", "create", .. _nodes.Select(n => n.Endpoint), "--cluster-replicas", "0", "--cluster-yes"])
        {
            startInfo.ArgumentList.Add(argument);
        }
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("redis-cli did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(FormTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"redis-cli --cluster create did not finish within {FormTimeout.TotalSeconds:0} s: {await stdout}");
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"redis-cli --cluster create failed ({process.ExitCode}): {await stdout} {await stderr}");
        }
    }

    /// <summary>Every node agrees the cluster is up and all 16384 slots are served.</summary>
    private async Task WaitForStateOkAsync()
    {
        var deadline = DateTime.UtcNow + FormTimeout;
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            var ok = 0;
            foreach (var node in _nodes)
            {
                var info = (string?)await node.Database.ExecuteAsync("CLUSTER", "INFO") ?? "";
                last = info;
                if (info.Contains("cluster_state:ok", StringComparison.Ordinal) && info.Contains("cluster_slots_ok:16384", StringComparison.Ordinal))
                {
                    ok++;
                }
            }
            if (ok == Nodes)
            {
                return;
            }
            await Task.Delay(100);
        }
        throw new InvalidOperationException($"the cluster did not reach cluster_state:ok within {FormTimeout.TotalSeconds:0} s: {last}");
    }
}
