using Streaming.TestInfrastructure.DevBroker;
using Streaming.TestInfrastructure.Redis;

namespace Streaming.Foundation.IntegrationTests;

/// <summary>One redis-server and one DevBroker for the whole assembly (xunit 2 has no assembly fixtures).</summary>
[CollectionDefinition(Name)]
public sealed class FoundationCollection : ICollectionFixture<RedisServerFixture>, ICollectionFixture<DevBrokerFixture>, ICollectionFixture<TestTracing>
{
    public const string Name = "Foundation";
}
