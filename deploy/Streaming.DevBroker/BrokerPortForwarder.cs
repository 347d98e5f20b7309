using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Streaming.DevBroker;

/// <summary>
/// Listens on a stable address and pipes each connection to one mock broker's random port,
/// so clients see the same bootstrap address on every run.
/// </summary>
public sealed class BrokerPortForwarder : IAsyncDisposable
{
    private static readonly TimeSpan UpstreamConnectTimeout = TimeSpan.FromSeconds(5);

    private readonly TcpListener _listener;
    private readonly IPEndPoint _upstream;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<int, Connection> _connections = new();
    private int _nextConnectionId;
    private Task _acceptLoop = Task.CompletedTask;

    public BrokerPortForwarder(int brokerId, IPEndPoint listen, IPEndPoint upstream, ILogger logger)
    {
        BrokerId = brokerId;
        _listener = new TcpListener(listen);
        _upstream = upstream;
        _logger = logger;
    }

    public int BrokerId { get; }

    /// <summary>The bound port (resolved when started on port 0).</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public IPEndPoint Upstream => _upstream;

    public void Start()
    {
        try
        {
            _listener.Start(backlog: 512);
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            throw new InvalidOperationException(
                $"Port {((IPEndPoint)_listener.LocalEndpoint).Port} for broker {BrokerId} is already in use (use --port 0 for a free one).", ex);
        }

        _acceptLoop = AcceptLoopAsync(_stopping.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        foreach (var connection in _connections.Values)
        {
            connection.Close();
        }

        try
        {
            await _acceptLoop;
        }
        catch (OperationCanceledException)
        {
        }

        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException
                                           || (ex is SocketException && cancellationToken.IsCancellationRequested))
            {
                return;
            }
            catch (SocketException ex)
            {
                DevBrokerLog.AcceptFailed(_logger, BrokerId, ex.SocketErrorCode.ToString());
                continue;
            }

            _ = PipeAsync(client, cancellationToken);
        }
    }

    private async Task PipeAsync(TcpClient client, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _nextConnectionId);
        using var upstream = new TcpClient();
        var connection = new Connection(client, upstream);
        _connections[id] = connection;
        try
        {
            client.NoDelay = true;
            upstream.NoDelay = true;
            using (var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                connectTimeout.CancelAfter(UpstreamConnectTimeout);
                try
                {
                    await upstream.ConnectAsync(_upstream, connectTimeout.Token);
                }
                catch (Exception ex) when (ex is SocketException or OperationCanceledException)
                {
                    // A broker that is down refuses connections: the client sees an immediate disconnect.
                    DevBrokerLog.UpstreamUnavailable(_logger, BrokerId, _upstream.ToString(), ex.Message);
                    return;
                }
            }

            var clientStream = client.GetStream();
            var upstreamStream = upstream.GetStream();
            await Task.WhenAll(
                PumpAsync(clientStream, upstreamStream, connection, cancellationToken),
                PumpAsync(upstreamStream, clientStream, connection, cancellationToken));
        }
        finally
        {
            _connections.TryRemove(id, out _);
            connection.Close();
        }
    }

    private static async Task PumpAsync(Stream from, Stream to, Connection connection, CancellationToken cancellationToken)
    {
        try
        {
            await from.CopyToAsync(to, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Either side hung up.
        }
        finally
        {
            // Ends the opposite direction too.
            connection.Close();
        }
    }

    private sealed class Connection(TcpClient client, TcpClient upstream)
    {
        public void Close()
        {
            client.Dispose();
            upstream.Dispose();
        }
    }
}
