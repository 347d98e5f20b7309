using System.Net;
using Confluent.Kafka;
using Microsoft.Extensions.Options;

namespace Streaming.DevBroker;

/// <summary>
/// Starts the mock cluster, forwards one stable port per broker to it, advertises those ports
/// and creates the configured topics; tears everything down on stop.
/// </summary>
public sealed class DevBrokerRuntime(IOptions<DevBrokerOptions> options, ILogger<DevBrokerRuntime> logger)
    : IHostedService, IAsyncDisposable
{
    private readonly DevBrokerOptions _options = options.Value;
    private readonly List<BrokerPortForwarder> _forwarders = [];
    private MockKafkaCluster? _cluster;

    public bool IsRunning => _cluster is not null;

    public MockKafkaCluster Cluster => _cluster ?? throw new InvalidOperationException("The mock cluster is not running.");

    public IReadOnlyList<BrokerPortForwarder> Forwarders => _forwarders;

    /// <summary>Comma-separated advertised address of every broker (clients need only one).</summary>
    public string BootstrapServers { get; private set; } = "";

    public int DefaultReplicationFactor => Math.Min(3, _options.Brokers);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var cluster = MockKafkaCluster.Create(_options.Brokers, _options.GroupSessionTimeoutMs, _options.GroupHeartbeatIntervalMs);
        _cluster = cluster;
        try
        {
            var bind = ParseBindAddress(_options.BindAddress);
            var advertised = new List<string>();
            for (var brokerId = 1; brokerId <= cluster.BrokerCount; brokerId++)
            {
                var port = _options.Port == 0 ? 0 : _options.Port + brokerId - 1;
                var forwarder = new BrokerPortForwarder(
                    brokerId, new IPEndPoint(bind, port), cluster.BrokerListeners[brokerId - 1], logger);
                forwarder.Start();
                _forwarders.Add(forwarder);

                cluster.Advertise(brokerId, _options.AdvertisedHost, forwarder.Port);
                var address = $"{_options.AdvertisedHost}:{forwarder.Port}";
                advertised.Add(address);
                DevBrokerLog.BrokerForwarded(logger, brokerId, address, forwarder.Upstream.ToString());
            }

            BootstrapServers = string.Join(',', advertised);
            DevBrokerLog.ClusterStarted(logger, cluster.BrokerCount, BootstrapServers);

            foreach (var topic in _options.EffectiveTopics)
            {
                var error = cluster.CreateTopic(topic.Name, topic.Partitions, DefaultReplicationFactor);
                if (error == ErrorCode.NoError)
                {
                    DevBrokerLog.TopicCreated(logger, topic.Name, topic.Partitions);
                }
                else
                {
                    throw new InvalidOperationException($"Creating topic '{topic.Name}' failed: {error}.");
                }
            }
        }
        catch
        {
            await StopAsync(cancellationToken);
            throw;
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var forwarder in _forwarders)
        {
            await forwarder.DisposeAsync();
        }

        _forwarders.Clear();
        if (_cluster is not null)
        {
            _cluster.Dispose();
            _cluster = null;
            DevBrokerLog.ClusterStopped(logger);
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None);

    private static IPAddress ParseBindAddress(string value) => value switch
    {
        "*" or "+" or "0.0.0.0" => IPAddress.Any,
        "localhost" => IPAddress.Loopback,
        _ => IPAddress.Parse(value),
    };
}
