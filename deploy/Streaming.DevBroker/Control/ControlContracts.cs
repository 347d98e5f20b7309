namespace Streaming.DevBroker.Control;

/// <summary>POST /topics. Replication factor defaults to min(3, brokers).</summary>
public sealed record CreateTopicRequest(string Name, int Partitions = 1, int? ReplicationFactor = null);

/// <summary>POST /errors: the next requests of <paramref name="ApiKey"/> fail with <paramref name="Errors"/> (Kafka error codes), in order.</summary>
public sealed record PushRequestErrorsRequest(short ApiKey, int[] Errors);

/// <summary>POST /leaders. BrokerId -1 makes the partition leader-less.</summary>
public sealed record SetLeaderRequest(string Topic, int Partition, int BrokerId);

/// <summary>POST /brokers/{id}/rtt.</summary>
public sealed record SetRttRequest(int RttMs);

public sealed record BrokerStatus(int Id, bool Up, string Advertised, string Upstream);

public sealed record TopicStatus(string Name, int Partitions);

public sealed record HealthStatus(string Status, string Bootstrap, IReadOnlyList<BrokerStatus> Brokers, IReadOnlyList<TopicStatus> Topics);

public sealed record ControlResult(string Result);

public sealed record ControlError(string Error);
