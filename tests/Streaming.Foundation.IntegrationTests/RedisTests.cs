using StackExchange.Redis;
using Streaming.TestInfrastructure;
using Streaming.TestInfrastructure.Redis;

namespace Streaming.Foundation.IntegrationTests;

[Collection(FoundationCollection.Name)]
public sealed class RedisTests(RedisServerFixture redis)
{
    [Fact]
    public async Task HashSet_FieldsWritten_HashGetAllReturnsThem()
    {
        var key = TestNames.KeyPrefix() + "taste";
        var db = redis.Database;

        await db.HashSetAsync(key, [new HashEntry("rock", "0.75"), new HashEntry("jazz", "0.25")]);
        var fields = (await db.HashGetAllAsync(key)).ToDictionary(e => e.Name.ToString(), e => e.Value.ToString());

        Assert.Equal(new Dictionary<string, string> { ["rock"] = "0.75", ["jazz"] = "0.25" }, fields);
    }

    [Fact]
    public async Task KeyExpire_TtlSet_KeyTimeToLiveWithinTtl()
    {
        var key = TestNames.KeyPrefix() + "session";
        var db = redis.Database;
        var ttl = TimeSpan.FromMinutes(30);

        await db.StringSetAsync(key, "open");
        Assert.True(await db.KeyExpireAsync(key, ttl));
        var remaining = await db.KeyTimeToLiveAsync(key);

        Assert.NotNull(remaining);
        Assert.InRange(remaining.Value, TimeSpan.FromTicks(1), ttl);
        Assert.Equal("open", (string?)await db.StringGetAsync(key));
    }

    [Fact]
    public async Task StopAsyncThenStartAsync_Outage_SharedAndNewConnectionsServeOnSamePort()
    {
        var key = TestNames.KeyPrefix() + "outage";
        var port = redis.Port;

        await redis.StopAsync();
        Assert.False(redis.IsRunning);
        await redis.StartAsync();

        await redis.Database.StringSetAsync(key, "back");
        await using var fresh = await redis.ConnectAsync();

        Assert.Equal(port, redis.Port);
        Assert.Equal("back", (string?)await fresh.GetDatabase().StringGetAsync(key));
    }
}
