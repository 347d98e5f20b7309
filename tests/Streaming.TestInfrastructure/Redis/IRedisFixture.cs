using StackExchange.Redis;

namespace Streaming.TestInfrastructure.Redis;

/// <summary>A Redis deployment a test runs against: one server (<see cref="RedisServerFixture"/>) or a cluster (<see cref="RedisClusterFixture"/>).</summary>
public interface IRedisFixture
{
    /// <summary>StackExchange.Redis configuration string (<c>ConnectionStrings:redis</c>).</summary>
    string ConnectionString { get; }

    /// <summary>A multiplexer shared by the tests of this fixture.</summary>
    IConnectionMultiplexer Connection { get; }
}
