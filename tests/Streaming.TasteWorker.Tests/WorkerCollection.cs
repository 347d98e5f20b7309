using Streaming.TestInfrastructure.DevBroker;
using Streaming.TestInfrastructure.Redis;

namespace Streaming.TasteWorker.Tests;

[CollectionDefinition(Name)]
public sealed class WorkerCollection : ICollectionFixture<RedisServerFixture>, ICollectionFixture<RedisClusterFixture>, ICollectionFixture<DevBrokerFixture>
{
    public const string Name = "taste-worker";
}
