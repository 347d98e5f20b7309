using Streaming.TestInfrastructure.Redis;

namespace Streaming.TasteStore.Tests;

[CollectionDefinition(Name)]
public sealed class RedisCollection : ICollectionFixture<RedisServerFixture>
{
    public const string Name = "redis";
}
