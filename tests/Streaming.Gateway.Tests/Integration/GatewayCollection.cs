using Streaming.TestInfrastructure.DevBroker;

namespace Streaming.Gateway.Tests.Integration;

/// <summary>One dev broker for the gateway tests that leave it up; each test has its own topic and gateway.</summary>
[CollectionDefinition(Name)]
public sealed class GatewayCollection : ICollectionFixture<DevBrokerFixture>
{
    public const string Name = "Gateway";
}

/// <summary>A dev broker of its own for the test that takes it down, so no other test sees the outage.</summary>
[CollectionDefinition(Name)]
public sealed class GatewayOutageCollection : ICollectionFixture<DevBrokerFixture>
{
    public const string Name = "GatewayOutage";
}
