using System.Diagnostics;
using System.Net.Sockets;
using Streaming.TestInfrastructure.Processes;

namespace Streaming.Catalog.Tests;

/// <summary>
/// A private Debian <c>rabbitmq-server</c> node: its own node name, AMQP and distribution ports, and
/// mnesia/log folders in a temp directory owned by user <c>rabbitmq</c>; guest/guest on loopback.
/// </summary>
public sealed class RabbitMqServerFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private string? _directory;
    private ChildProcess? _process;

    public int Port { get; private set; }

    public string ConnectionString => $"amqp://guest:guest@127.0.0.1:{Port}/";

    public async Task InitializeAsync()
    {
        _directory = Directory.CreateTempSubdirectory("catalog-rabbitmq-").FullName;
        Directory.CreateDirectory(Path.Combine(_directory, "mnesia"));
        Directory.CreateDirectory(Path.Combine(_directory, "log"));
        File.WriteAllText(Path.Combine(_directory, "enabled_plugins"), "[].");
        // User rabbitmq must reach and own its folders (the node drops to that user).
        await RunAsync("chmod", "755", _directory);
        await RunAsync("chown", "-R", "rabbitmq:rabbitmq", _directory);

        Port = FreePort.Next();
        var distPort = FreePort.Next();
        var node = $"catalog-test-{Guid.NewGuid():N}"[..24] + "@localhost";
        _process = ChildProcess.Start("rabbitmq-server", "rabbitmq-server", [], _directory, new Dictionary<string, string?>
        {
            ["RABBITMQ_NODENAME"] = node,
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RABBITMQ_DIST_PORT"] = distPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(_directory, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(_directory, "log"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(_directory, "enabled_plugins"),
            ["RABBITMQ_PID_FILE"] = Path.Combine(_directory, "rabbitmq.pid"),
        });

        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException("rabbitmq-server exited during start." + Environment.NewLine + _process.DescribeOutput());
            }
            if (await CanConnectAsync())
            {
                return;
            }
            if (clock.Elapsed > StartTimeout)
            {
                throw new TimeoutException($"rabbitmq-server did not listen on {Port} within {StartTimeout}." + Environment.NewLine + _process.DescribeOutput());
            }
            await Task.Delay(250);
        }
    }

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

    private async Task<bool> CanConnectAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", Port);
            return true;
        }
        catch (SocketException)
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
