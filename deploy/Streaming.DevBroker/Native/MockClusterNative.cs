using System.Runtime.InteropServices;

namespace Streaming.DevBroker.Native;

/// <summary>
/// P/Invoke into librdkafka's mock cluster API (rdkafka_mock.h) plus the few rd_kafka_* calls
/// needed to own the handle the cluster lives on. "librdkafka" resolves through
/// <see cref="Streaming.Messaging.KafkaNative"/> so the same loaded build is used.
/// Return values of type int are rd_kafka_resp_err_t (0 = no error).
/// </summary>
internal static partial class MockClusterNative
{
    private const string Library = "librdkafka";

    internal const int ProducerType = 0;
    internal const int ConfOk = 0;

    [LibraryImport(Library, EntryPoint = "rd_kafka_conf_new")]
    internal static partial nint ConfNew();

    [LibraryImport(Library, EntryPoint = "rd_kafka_conf_destroy")]
    internal static partial void ConfDestroy(nint conf);

    [LibraryImport(Library, EntryPoint = "rd_kafka_conf_set", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int ConfSet(nint conf, string name, string value, [Out] byte[] errstr, nuint errstrSize);

    /// <summary>Takes ownership of <paramref name="conf"/> on success.</summary>
    [LibraryImport(Library, EntryPoint = "rd_kafka_new")]
    internal static partial nint KafkaNew(int type, nint conf, [Out] byte[] errstr, nuint errstrSize);

    [LibraryImport(Library, EntryPoint = "rd_kafka_destroy")]
    internal static partial void KafkaDestroy(nint rk);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_cluster_new")]
    internal static partial nint ClusterNew(nint rk, int brokerCount);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_cluster_destroy")]
    internal static partial void ClusterDestroy(nint cluster);

    /// <summary>Returns a pointer owned by the cluster (do not free).</summary>
    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_cluster_bootstraps")]
    internal static partial nint ClusterBootstraps(nint cluster);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_broker_set_host_port", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void BrokerSetHostPort(nint cluster, int brokerId, string host, int port);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_set_controller_id")]
    internal static partial void SetControllerId(nint cluster, int brokerId);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_group_initial_rebalance_delay_ms")]
    internal static partial void GroupInitialRebalanceDelayMs(nint cluster, int delayMs);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_set_group_consumer_session_timeout_ms")]
    internal static partial void SetGroupConsumerSessionTimeoutMs(nint cluster, int sessionTimeoutMs);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_set_group_consumer_heartbeat_interval_ms")]
    internal static partial void SetGroupConsumerHeartbeatIntervalMs(nint cluster, int heartbeatIntervalMs);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_topic_create", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int TopicCreate(nint cluster, string topic, int partitionCount, int replicationFactor);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_broker_set_down")]
    internal static partial int BrokerSetDown(nint cluster, int brokerId);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_broker_set_up")]
    internal static partial int BrokerSetUp(nint cluster, int brokerId);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_broker_set_rtt")]
    internal static partial int BrokerSetRtt(nint cluster, int brokerId, int rttMs);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_partition_set_leader", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int PartitionSetLeader(nint cluster, string topic, int partition, int brokerId);

    /// <summary>The non-variadic form of rd_kafka_mock_push_request_errors (varargs can't be P/Invoked portably).</summary>
    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_push_request_errors_array")]
    internal static partial void PushRequestErrorsArray(nint cluster, short apiKey, nuint count, int[] errors);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_clear_request_errors")]
    internal static partial void ClearRequestErrors(nint cluster, short apiKey);
}
