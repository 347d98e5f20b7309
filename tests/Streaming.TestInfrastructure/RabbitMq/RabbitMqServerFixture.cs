using System.Diagnostics;
using System.Net.Sockets;
using Streaming.TestInfrastructure.Processes;
using Xunit;

namespace Streaming.TestInfrastructure.RabbitMq;

/// <summary>
/// A private Debian <c>rabbitmq-server</c> node: its own node name, AMQP and distribution ports, and
/// mnesia/log folders in a temp directory owned by user <c>rabbitmq</c>; guest/guest on loopback.
/// </summary>
public sealed class RabbitMqServerFixture : IAsyncLifetime, IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private const int StartAttempts = 3;
    private string? _directory;
    private ChildProcess? _process;

    public int Port { get; private set; }

    public string ConnectionString => $"amqp://guest:guest@127.0.0.1:{Port}/";

    public async Task InitializeAsync()
    {
        _directory = Directory.CreateTempSubdirectory("streaming-rabbitmq-").FullName;
        Directory.CreateDirectory(Path.Combine(_directory, "mnesia"));
        Directory.CreateDirectory(Path.Combine(_directory, "log"));
        File.WriteAllText(Path.Combine(_directory, "enabled_plugins"), "[].");
        // User rabbitmq must reach and own its folders (the node drops to that user).
        await RunAsync("chmod", "755", _directory);
        await RunAsync("chown", "-R", "rabbitmq:rabbitmq", _directory);

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await StartNodeAsync();
                return;
            }
            catch (InvalidOperationException) when (attempt < StartAttempts)
            {
                // Most likely a port was taken between probing and binding: the node exits; another pair is tried.
                if (_process is not null)
                {
                    await _process.DisposeAsync();
                    _process = null;
                }
            }
        }
    }

    private async Task StartNodeAsync()
    {
        var directory = _directory!;
        Port = FreePort.Next();
        var distPort = FreePort.Next();
        var node = $"streaming-test-{Guid.NewGuid():N}"[..24] + "@localhost";
        _process = ChildProcess.Start("rabbitmq-server", "rabbitmq-server", [], directory, new Dictionary<string, string?>
        {
            ["RABBITMQ_NODENAME"] = node,
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RABBITMQ_DIST_PORT"] = distPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(directory, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(directory, "log"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(directory, "enabled_plugins"),
            ["RABBITMQ_PID_FILE"] = Path.Combine(directory, "rabbitmq.pid"),
        });

        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException("rabbitmq-server exited during start." + Environment.NewLine + _process.DescribeOutput());
            }
            if (await SpeaksAmqpAsync())
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"port {Port} answers for another broker; ours exited." + Environment.NewLine + _process.DescribeOutput());
                }
                return;
            }
            if (clock.Elapsed > StartTimeout)
            {
                throw new TimeoutException($"rabbitmq-server did not listen on {Port} within {StartTimeout}." + Environment.NewLine + _process.DescribeOutput());
            }
            await Task.Delay(250);
        }
    }

    /// <summary>A node of one test alone (<c>await using</c>): killing it disturbs no other test.</summary>
    public static async Task<RabbitMqServerFixture> StartPrivateAsync()
    {
        var server = new RabbitMqServerFixture();
        await server.InitializeAsync();
        return server;
    }

    /// <summary>Kills the node (an abrupt broker outage).</summary>
    public async Task KillAsync()
    {
        if (_process is not null)
        {
            await _process.KillAsync();
        }
    }

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

    public async Task DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
        if (_directory is not null)
        {
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // The node may still be releasing files; the temp folder is harmless.
            }
        }
    }

    /// <summary>True when the port answers the AMQP 0-9-1 protocol header with a method frame (Connection.Start), not merely accepts TCP.</summary>
    private async Task<bool> SpeaksAmqpAsync()
    {
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", Port, cts.Token);
            var stream = client.GetStream();
            await stream.WriteAsync("AMQP\0\0\u0009\u0001"u8.ToArray(), cts.Token);
            var frameType = new byte[1];
            return await stream.ReadAsync(frameType, cts.Token) == 1 && frameType[0] == 1;
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
        {
            return false;
        }
    }

    private static async Task RunAsync(string file, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardError = true, UseShellExecute = false })!;
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed: {await process.StandardError.ReadToEndAsync()}");
        }
    }
}
