namespace Streaming.TestInfrastructure.DevBroker;

/// <summary>A DevBroker with 3 brokers (replication 3), for leader-change and partial-outage tests.</summary>
public sealed class ThreeBrokerDevBrokerFixture : DevBrokerFixture
{
    protected override int BrokerCount => 3;
}
