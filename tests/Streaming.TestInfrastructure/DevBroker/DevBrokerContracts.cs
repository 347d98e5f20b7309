namespace Streaming.TestInfrastructure.DevBroker;

// Mirrors the DevBroker control API (deploy/Streaming.DevBroker/Control/ControlContracts.cs).

public sealed record CreateTopicRequest(string Name, int Partitions, int? ReplicationFactor);

public sealed record PushRequestErrorsRequest(short ApiKey, int[] Errors);

public sealed record SetLeaderRequest(string Topic, int Partition, int BrokerId);

public sealed record SetRttRequest(int RttMs);

public sealed record DevBrokerBrokerStatus(int Id, bool Up, string Advertised, string Upstream);

public sealed record DevBrokerTopicStatus(string Name, int Partitions);

public sealed record DevBrokerHealth(
    string Status,
    string Bootstrap,
    IReadOnlyList<DevBrokerBrokerStatus> Brokers,
    IReadOnlyList<DevBrokerTopicStatus> Topics);
