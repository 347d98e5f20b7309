using System.Diagnostics;
using System.Globalization;
using System.Net;
using StackExchange.Redis;
using Streaming.TestInfrastructure.Processes;
using Xunit;

namespace Streaming.TestInfrastructure.Redis;

/// <summary>
/// A real three-node Redis Cluster (no replicas): three <c>redis-server --cluster-enabled yes</c> on free loopback
/// ports, each with its own free cluster bus port, joined by <c>redis-cli --cluster create</c>. Every key lives on
/// one of three shards, so code that mixes hash slots in one command or script fails here as it would in
/// production. Redis 7.0 (Debian's) is the oldest server it runs on. <see cref="StartDurableAsync"/> adds the
/// append-only file, and <see cref="KillNodeAsync"/>/<see cref="RestartNodeAsync"/> take one node down and back.
/// </summary>
public sealed class RedisClusterFixture : IRedisFixture, IAsyncLifetime, IAsyncDisposable
{
    private const int Nodes = 3;
    private static readonly TimeSpan FormTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a restarted node may take until every node reports <c>cluster_state:ok</c>: a primary that was
    /// declared failed is cleared only 2x the node timeout (10 s) after the failure, and a restarted primary holds
    /// writes back for 2 s.
    /// </summary>
    private static readonly TimeSpan RejoinTimeout = TimeSpan.FromSeconds(40);

    private readonly RedisServerFixture[] _nodes;
    private ConnectionMultiplexer? _connection;

    public RedisClusterFixture()
        : this(durable: false)
    {
    }

    private RedisClusterFixture(bool durable) =>
        _nodes = Enumerable.Range(0, Nodes).Select(_ => new RedisServerFixture(ClusterNodeArguments(durable))).ToArray();

    /// <summary>StackExchange.Redis configuration string naming every node (<c>ConnectionStrings:redis</c>).</summary>
    public string ConnectionString =>
        string.Join(',', _nodes.Select(n => n.Endpoint)) + ",abortConnect=false,connectTimeout=2000,syncTimeout=5000";

    /// <summary>A cluster-aware multiplexer shared by the tests of this fixture.</summary>
    public IConnectionMultiplexer Connection => _connection ?? throw new InvalidOperationException("RedisClusterFixture is not initialized.");

    /// <summary>The nodes' <c>127.0.0.1:PORT</c>, by node index (every node is a primary).</summary>
    public IReadOnlyList<string> Endpoints => _nodes.Select(n => n.Endpoint).ToArray();

    public async Task InitializeAsync()
    {
        await Task.WhenAll(_nodes.Select(n => n.InitializeAsync()));
        await CreateClusterAsync();
        await WaitForStateOkAsync(FormTimeout);
        _connection = await ConnectionMultiplexer.ConnectAsync(ConnectionString);
        // abortConnect=false returns before a slow node's connection is up (a loaded CI machine): wait for all three.
        await WaitForConnectedPrimariesAsync(FormTimeout);
    }

    /// <summary>A cluster of one test alone (<c>await using</c>): for tests of keys every process shares.</summary>
    public static async Task<RedisClusterFixture> StartPrivateAsync()
    {
        var cluster = new RedisClusterFixture();
        await cluster.InitializeAsync();
        return cluster;
    }

    /// <summary>
    /// A private cluster whose nodes keep the append-only file (fsync every second), as deployed: a node killed with
    /// <see cref="KillNodeAsync"/> comes back from <see cref="RestartNodeAsync"/> with every write it acknowledged,
    /// and from its own <c>nodes.conf</c> with the same node id, slots and bus port.
    /// </summary>
    public static async Task<RedisClusterFixture> StartDurableAsync()
    {
        var cluster = new RedisClusterFixture(durable: true);
        await cluster.InitializeAsync();
        return cluster;
    }

    /// <summary>SIGKILLs one node (no shutdown, no final write); its slots are unserved until <see cref="RestartNodeAsync"/>.</summary>
    public Task KillNodeAsync(int node) => _nodes[node].StopAsync();

    /// <summary>Whether the node's process runs.</summary>
    public bool IsNodeRunning(int node) => _nodes[node].IsRunning;

    /// <summary>
    /// Starts a killed node again on its ports and in its folder (its AOF and <c>nodes.conf</c>), then waits until
    /// every node reports <c>cluster_state:ok</c> with all slots served and the shared <see cref="Connection"/> is
    /// connected to every primary again.
    /// </summary>
    public async Task RestartNodeAsync(int node)
    {
        await _nodes[node].StartAsync();
        await WaitForStateOkAsync(RejoinTimeout);
        await WaitForConnectedPrimariesAsync(RejoinTimeout);
    }

    /// <summary>The node's id (<c>CLUSTER MYID</c>), asked of that node alone.</summary>
    public async Task<string> NodeIdAsync(int node) => (string)(await NodeServer(node).ExecuteAsync("CLUSTER", "MYID"))!;

    /// <summary>The node's own <c>CLUSTER INFO</c> text.</summary>
    public async Task<string> ClusterInfoAsync(int node) => (string)(await NodeServer(node).ExecuteAsync("CLUSTER", "INFO"))!;

    /// <summary>How many keys the node holds (<c>DBSIZE</c> of that node alone).</summary>
    public Task<long> KeyCountAsync(int node) => NodeServer(node).DatabaseSizeAsync();

    /// <summary>The index of the node that serves <paramref name="key"/>'s hash slot.</summary>
    public int NodeOf(RedisKey key)
    {
        var endpoint = Connection.GetServer(key).EndPoint;
        var port = endpoint switch { IPEndPoint ip => ip.Port, DnsEndPoint dns => dns.Port, _ => -1 };
        var owner = Array.FindIndex(_nodes, n => n.Port == port);
        return owner >= 0 ? owner : throw new InvalidOperationException($"no node of this cluster is {endpoint}");
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

    /// <summary>
    /// A node's arguments, given its port. The bus port defaults to port + 10000, which nobody reserved: a free one
    /// is taken, once per port, so a restarted node binds the bus port its peers know (a retried start on another
    /// port takes another). The config file is in the node's own folder, so a restart keeps its id and slots.
    /// </summary>
    private static Func<int, IReadOnlyList<string>> ClusterNodeArguments(bool durable)
    {
        var busPorts = new Dictionary<int, int>();
        return port =>
        {
            if (!busPorts.TryGetValue(port, out var busPort))
            {
                busPorts[port] = busPort = FreePort.Next();
            }
            return
            [
                "--cluster-enabled", "yes",
                "--cluster-config-file", $"nodes-{port.ToString(CultureInfo.InvariantCulture)}.conf",
                "--cluster-port", busPort.ToString(CultureInfo.InvariantCulture),
                "--cluster-node-timeout", "5000",
                .. durable ? ["--appendonly", "yes", "--appendfsync", "everysec"] : Array.Empty<string>(),
            ];
        };
    }

    private IServer NodeServer(int node) => _nodes[node].Connection.GetServer(_nodes[node].Endpoint);

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

    /// <summary>Every node, asked itself, agrees the cluster is up and all 16384 slots are served.</summary>
    private async Task WaitForStateOkAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            var ok = 0;
            for (var node = 0; node < Nodes; node++)
            {
                try
                {
                    var info = await ClusterInfoAsync(node);
                    last = info;
                    if (info.Contains("cluster_state:ok", StringComparison.Ordinal) && info.Contains("cluster_slots_ok:16384", StringComparison.Ordinal))
                    {
                        ok++;
                    }
                }
                catch (Exception ex) when (ex is RedisConnectionException or RedisTimeoutException)
                {
                    // A restarted node's own connection is not back yet.
                    last = ex.Message;
                }
            }
            if (ok == Nodes)
            {
                return;
            }
            await Task.Delay(100);
        }
        throw new InvalidOperationException($"the cluster did not reach cluster_state:ok within {timeout.TotalSeconds:0} s: {last}");
    }

    private async Task WaitForConnectedPrimariesAsync(TimeSpan timeout)
    {
        var connection = _connection ?? throw new InvalidOperationException("RedisClusterFixture is not initialized.");
        var deadline = DateTime.UtcNow + timeout;
        int primaries;
        while ((primaries = connection.GetServers().Count(s => s.IsConnected && !s.IsReplica)) != Nodes)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"the client sees {primaries} connected primaries of {Nodes}.");
            }
            await Task.Delay(100);
        }
    }
}
