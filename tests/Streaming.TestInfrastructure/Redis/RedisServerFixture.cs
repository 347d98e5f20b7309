using System.Net.Sockets;
using System.Text;
using StackExchange.Redis;
using Streaming.TestInfrastructure.Processes;
using Xunit;

namespace Streaming.TestInfrastructure.Redis;

/// <summary>
/// A real <c>redis-server</c> on a free loopback port, without persistence, in a temp directory.
/// Use as a class, collection or (through one collection) assembly-wide fixture.
/// <see cref="StopAsync"/>/<see cref="StartAsync"/> simulate an outage on the same port.
/// </summary>
public sealed class RedisServerFixture : IRedisFixture, IAsyncLifetime, IAsyncDisposable
{
    /// <summary>Overrides the redis-server executable.</summary>
    public const string ServerPathEnvironmentVariable = "STREAMING_REDIS_SERVER";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private const int StartAttempts = 3;

    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private readonly Func<int, IReadOnlyList<string>> _extraArguments;
    private string? _directory;
    private ChildProcess? _process;
    private ConnectionMultiplexer? _connection;

    public RedisServerFixture()
        : this(_ => [])
    {
    }

    /// <summary>A server started with more arguments, given its port (a cluster node's bus port and config file).</summary>
    internal RedisServerFixture(Func<int, IReadOnlyList<string>> extraArguments) => _extraArguments = extraArguments;

    public int Port { get; private set; }

    /// <summary><c>127.0.0.1:PORT</c>.</summary>
    public string Endpoint => $"127.0.0.1:{Port}";

    /// <summary>StackExchange.Redis configuration string (<c>ConnectionStrings:redis</c>).</summary>
    public string ConnectionString => $"{Endpoint},abortConnect=false,connectTimeout=2000,syncTimeout=5000";

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>A multiplexer shared by the tests of this fixture; reconnects by itself after an outage.</summary>
    public IConnectionMultiplexer Connection => _connection ?? throw new InvalidOperationException("RedisServerFixture is not initialized.");

    public IDatabase Database => Connection.GetDatabase();

    public async Task InitializeAsync()
    {
        _directory = Directory.CreateTempSubdirectory("streaming-redis-").FullName;
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort.Next();
            try
            {
                await StartServerAsync();
                break;
            }
            catch (InvalidOperationException) when (attempt < StartAttempts)
            {
                // Most likely another process took the port between probing and binding.
            }
        }

        _connection = await ConnectionMultiplexer.ConnectAsync(ConnectionString);
    }

    /// <summary>A server of one test alone (<c>await using</c>): stopping it disturbs no other test.</summary>
    public static async Task<RedisServerFixture> StartPrivateAsync()
    {
        var server = new RedisServerFixture();
        await server.InitializeAsync();
        return server;
    }

    /// <summary>
    /// A private server with the append-only file on, fsync every second, as deployed: after a SIGKILL
    /// (<see cref="StopAsync"/>) <see cref="StartAsync"/> replays the file, and every write Redis acknowledged is
    /// back (it writes the file before it answers; fsync matters for a machine crash, not a process kill).
    /// </summary>
    public static async Task<RedisServerFixture> StartDurableAsync()
    {
        var server = new RedisServerFixture(_ => ["--appendonly", "yes", "--appendfsync", "everysec"]);
        await server.InitializeAsync();
        return server;
    }

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

    /// <summary>A new multiplexer for code under test that wants its own (caller disposes).</summary>
    public Task<ConnectionMultiplexer> ConnectAsync() => ConnectionMultiplexer.ConnectAsync(ConnectionString);

    /// <summary>
    /// Starts the server (again) on <see cref="Port"/> and waits until it answers PING and, after an outage,
    /// until the shared <see cref="Connection"/> has reconnected.
    /// </summary>
    public async Task StartAsync()
    {
        await StartServerAsync();
        if (_connection is not null)
        {
            await WaitForReconnectAsync(_connection);
        }
    }

    private async Task StartServerAsync()
    {
        await _lifecycle.WaitAsync();
        try
        {
            if (IsRunning)
            {
                return;
            }

            if (_process is not null)
            {
                await _process.DisposeAsync();
                _process = null;
            }

            var directory = _directory ?? throw new InvalidOperationException("RedisServerFixture is not initialized.");
            var process = ChildProcess.Start(
                $"redis-server :{Port}",
                FindServer(),
                ["--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                 "--bind", "127.0.0.1",
                 "--save", "",
                 "--appendonly", "no",
                 "--zset-max-listpack-entries", "32", // as in production (shared/Streaming.TasteStore/README.md)
                 "--dir", directory,
                 "--daemonize", "no",
                 .. _extraArguments(Port)],
                directory);
            _process = process;
            try
            {
                await WaitForPongAsync(process);
            }
            catch
            {
                await process.DisposeAsync();
                _process = null;
                throw;
            }
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Kills the server (an abrupt outage); <see cref="StartAsync"/> brings it back empty, or from its append-only file (<see cref="StartDurableAsync"/>).</summary>
    public async Task StopAsync()
    {
        await _lifecycle.WaitAsync();
        try
        {
            if (_process is not null)
            {
                await _process.DisposeAsync();
                _process = null;
            }
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    public async Task DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        await StopAsync();
        if (_directory is not null)
        {
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // A leftover empty temp folder is harmless.
            }
        }
    }

    private async Task WaitForReconnectAsync(IConnectionMultiplexer connection)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        Exception? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                await connection.GetDatabase().PingAsync();
                return;
            }
            catch (Exception ex) when (ex is RedisConnectionException or RedisTimeoutException)
            {
                last = ex;
                await Task.Delay(100);
            }
        }

        throw new InvalidOperationException(
            $"The shared connection did not reconnect to {Endpoint} within {StartTimeout.TotalSeconds:0} s: {last?.Message}");
    }

    private async Task WaitForPongAsync(ChildProcess process)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        string lastError = "no attempt";
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException(
                    $"redis-server exited while starting on port {Port}.{Environment.NewLine}{process.DescribeOutput()}");
            }

            try
            {
                if (await PingAsync())
                {
                    // A PONG proves a redis-server listens, not that it is ours: another process may have taken the
                    // port between probing and binding, and then ours has failed to bind.
                    var pid = await ServerProcessIdAsync();
                    if (pid == process.Id)
                    {
                        return;
                    }
                    throw new InvalidOperationException($"port {Port} answers for another redis-server (pid {pid}, ours {process.Id}).");
                }

                lastError = "unexpected PING reply";
            }
            catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException)
            {
                lastError = ex.Message;
            }

            await Task.Delay(50);
        }

        throw new InvalidOperationException(
            $"redis-server did not answer PING on port {Port} within {StartTimeout.TotalSeconds:0} s ({lastError}).{Environment.NewLine}{process.DescribeOutput()}");
    }

    private async Task<bool> PingAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", Port, cts.Token);
        var stream = client.GetStream();
        await stream.WriteAsync("PING\r\n"u8.ToArray(), cts.Token);
        var buffer = new byte[64];
        var read = await stream.ReadAsync(buffer, cts.Token);
        return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
    }

    private async Task<int> ServerProcessIdAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", Port, cts.Token);
        var stream = client.GetStream();
        await stream.WriteAsync("INFO server\r\n"u8.ToArray(), cts.Token);
        var text = new StringBuilder();
        var buffer = new byte[4096];
        while (!text.ToString().Contains("process_id:", StringComparison.Ordinal) || !text.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, cts.Token);
            if (read == 0)
            {
                break;
            }
            text.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }
        var line = text.ToString().Split("\r\n").FirstOrDefault(l => l.StartsWith("process_id:", StringComparison.Ordinal));
        return line is null ? -1 : int.Parse(line["process_id:".Length..], System.Globalization.CultureInfo.InvariantCulture);
    }

    internal static string FindServer()
    {
        var configured = Environment.GetEnvironmentVariable(ServerPathEnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured)
                ? configured
                : throw new FileNotFoundException($"{ServerPathEnvironmentVariable} points to a missing file.", configured);
        }

        var searchPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var found = searchPath.Append("/usr/bin").Append("/usr/local/bin")
            .Select(dir => Path.Combine(dir, "redis-server"))
            .FirstOrDefault(File.Exists);
        return found ?? throw new FileNotFoundException(
            $"redis-server not found on PATH (install it: apt-get install redis-server, or set {ServerPathEnvironmentVariable}).");
    }
}
