using System.Collections.Concurrent;
using System.Net;
using System.Runtime.InteropServices;
using System.Text;
using Confluent.Kafka;
using Streaming.DevBroker.Native;
using Streaming.Messaging;

namespace Streaming.DevBroker;

/// <summary>
/// Owns one librdkafka mock cluster and the rd_kafka_t handle it lives on. Methods are thread-safe;
/// results are librdkafka error codes (<see cref="ErrorCode.NoError"/> on success).
/// </summary>
public sealed class MockKafkaCluster : IDisposable
{
    public const int AllBrokers = -1;

    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<string, int> _topics = new(StringComparer.Ordinal);
    private readonly bool[] _brokerUp;
    private nint _handle;
    private nint _cluster;

    private MockKafkaCluster(nint handle, nint cluster, int brokerCount, IReadOnlyList<IPEndPoint> listeners)
    {
        _handle = handle;
        _cluster = cluster;
        BrokerCount = brokerCount;
        BrokerListeners = listeners;
        _brokerUp = Enumerable.Repeat(true, brokerCount).ToArray();
    }

    public int BrokerCount { get; }

    /// <summary>Where the mock brokers really listen, index 0 = broker id 1.</summary>
    public IReadOnlyList<IPEndPoint> BrokerListeners { get; }

    public IReadOnlyDictionary<string, int> Topics => _topics;

    /// <param name="groupSessionTimeoutMs">KIP-848 (<c>group.protocol=consumer</c>) session timeout: how long a member that
    /// stopped heartbeating (a killed worker) keeps its partitions. The mock's default is 30 s; Kafka 4's
    /// <c>group.consumer.session.timeout.ms</c> plays this part in production.</param>
    /// <param name="groupHeartbeatIntervalMs">KIP-848 heartbeat interval the broker asks members for.</param>
    public static MockKafkaCluster Create(int brokerCount, int groupSessionTimeoutMs = DevBrokerOptions.DefaultGroupSessionTimeoutMs,
        int groupHeartbeatIntervalMs = DevBrokerOptions.DefaultGroupHeartbeatIntervalMs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokerCount, 1);
        KafkaNative.EnsureLoaded();
        KafkaNative.RegisterResolver(typeof(MockClusterNative).Assembly);

        var handle = CreateHandle();
        var cluster = MockClusterNative.ClusterNew(handle, brokerCount);
        if (cluster == 0)
        {
            MockClusterNative.KafkaDestroy(handle);
            throw new InvalidOperationException("rd_kafka_mock_cluster_new failed.");
        }

        var bootstraps = Marshal.PtrToStringUTF8(MockClusterNative.ClusterBootstraps(cluster)) ?? "";
        var listeners = ParseBootstraps(bootstraps);
        if (listeners.Count != brokerCount)
        {
            MockClusterNative.ClusterDestroy(cluster);
            MockClusterNative.KafkaDestroy(handle);
            throw new InvalidOperationException($"Unexpected mock bootstraps '{bootstraps}' for {brokerCount} brokers.");
        }

        // DescribeCluster/DescribeTopics need a controller; consumer groups should form without delay.
        MockClusterNative.SetControllerId(cluster, 1);
        MockClusterNative.GroupInitialRebalanceDelayMs(cluster, 0);
        MockClusterNative.SetGroupConsumerSessionTimeoutMs(cluster, groupSessionTimeoutMs);
        MockClusterNative.SetGroupConsumerHeartbeatIntervalMs(cluster, groupHeartbeatIntervalMs);
        return new MockKafkaCluster(handle, cluster, brokerCount, listeners);
    }

    /// <summary>Makes Metadata/FindCoordinator responses name <paramref name="host"/>:<paramref name="port"/> for the broker.</summary>
    public void Advertise(int brokerId, string host, int port)
    {
        lock (_gate)
        {
            MockClusterNative.BrokerSetHostPort(Cluster, brokerId, host, port);
        }
    }

    public ErrorCode CreateTopic(string name, int partitions, int replicationFactor)
    {
        lock (_gate)
        {
            var error = (ErrorCode)MockClusterNative.TopicCreate(Cluster, name, partitions, replicationFactor);
            if (error == ErrorCode.NoError)
            {
                _topics[name] = partitions;
            }

            return error;
        }
    }

    public bool IsBrokerUp(int brokerId) => _brokerUp[brokerId - 1];

    public ErrorCode SetBrokerUp(int brokerId, bool up)
    {
        lock (_gate)
        {
            var error = (ErrorCode)(up
                ? MockClusterNative.BrokerSetUp(Cluster, brokerId)
                : MockClusterNative.BrokerSetDown(Cluster, brokerId));
            if (error == ErrorCode.NoError)
            {
                foreach (var id in Brokers(brokerId))
                {
                    _brokerUp[id - 1] = up;
                }
            }

            return error;
        }
    }

    public ErrorCode SetBrokerRtt(int brokerId, int rttMs)
    {
        lock (_gate)
        {
            return (ErrorCode)MockClusterNative.BrokerSetRtt(Cluster, brokerId, rttMs);
        }
    }

    public ErrorCode SetPartitionLeader(string topic, int partition, int brokerId)
    {
        lock (_gate)
        {
            return (ErrorCode)MockClusterNative.PartitionSetLeader(Cluster, topic, partition, brokerId);
        }
    }

    /// <summary>The next requests of <paramref name="apiKey"/> (cluster-wide) fail with these errors, in order.</summary>
    public void PushRequestErrors(short apiKey, IReadOnlyList<ErrorCode> errors)
    {
        var codes = errors.Select(e => (int)e).ToArray();
        lock (_gate)
        {
            MockClusterNative.PushRequestErrorsArray(Cluster, apiKey, (nuint)codes.Length, codes);
        }
    }

    public void ClearRequestErrors(short apiKey)
    {
        lock (_gate)
        {
            MockClusterNative.ClearRequestErrors(Cluster, apiKey);
        }
    }

    public bool IsValidBroker(int brokerId, bool allowAll) =>
        (brokerId >= 1 && brokerId <= BrokerCount) || (allowAll && brokerId == AllBrokers);

    public void Dispose()
    {
        lock (_gate)
        {
            if (_cluster != 0)
            {
                MockClusterNative.ClusterDestroy(_cluster);
                _cluster = 0;
            }

            if (_handle != 0)
            {
                MockClusterNative.KafkaDestroy(_handle);
                _handle = 0;
            }
        }
    }

    private nint Cluster => _cluster != 0 ? _cluster : throw new ObjectDisposedException(nameof(MockKafkaCluster));

    private IEnumerable<int> Brokers(int brokerId) =>
        brokerId == AllBrokers ? Enumerable.Range(1, BrokerCount) : [brokerId];

    private static nint CreateHandle()
    {
        var error = new byte[512];
        var conf = MockClusterNative.ConfNew();
        // The handle only hosts the cluster and never connects anywhere: hide its "no bootstrap.servers" notice.
        foreach (var (name, value) in new[] { ("client.id", "dev-broker"), ("log_level", "4") })
        {
            if (MockClusterNative.ConfSet(conf, name, value, error, (nuint)error.Length) != MockClusterNative.ConfOk)
            {
                MockClusterNative.ConfDestroy(conf);
                throw new InvalidOperationException($"rd_kafka_conf_set {name} failed: {ErrorText(error)}");
            }
        }

        var handle = MockClusterNative.KafkaNew(MockClusterNative.ProducerType, conf, error, (nuint)error.Length);
        if (handle == 0)
        {
            MockClusterNative.ConfDestroy(conf);
            throw new InvalidOperationException($"rd_kafka_new failed: {ErrorText(error)}");
        }

        return handle;
    }

    private static string ErrorText(byte[] buffer)
    {
        var length = Array.IndexOf(buffer, (byte)0);
        return Encoding.UTF8.GetString(buffer, 0, length < 0 ? buffer.Length : length);
    }

    private static List<IPEndPoint> ParseBootstraps(string bootstraps) =>
        bootstraps.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(IPEndPoint.Parse)
            .ToList();
}
