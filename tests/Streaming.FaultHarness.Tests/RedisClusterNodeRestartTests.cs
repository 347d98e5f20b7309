using StackExchange.Redis;
using Streaming.TestInfrastructure.Redis;

namespace Streaming.FaultHarness.Tests;

/// <summary>
/// What the chaos table's cluster row does to a node, without the pipeline: <see cref="RedisClusterFixture.KillNodeAsync"/>
/// takes it down (its slots unserved) and <see cref="RedisClusterFixture.RestartNodeAsync"/> brings it back with its
/// id and its acknowledged writes.
/// </summary>
public sealed class RedisClusterNodeRestartTests
{
    [Fact]
    public async Task RestartNodeAsync_NodeKilledAfterWrites_RejoinsWithSameIdAndKeys()
    {
        await using var cluster = await RedisClusterFixture.StartDurableAsync();
        var db = cluster.Connection.GetDatabase();
        var keys = Enumerable.Range(0, 200).Select(i => (RedisKey)$"restart-test:{i}").ToArray();
        await Task.WhenAll(keys.Select(k => db.StringSetAsync(k, "v")));
        const int node = 1;
        var onNode = keys.Where(k => cluster.NodeOf(k) == node).ToArray();
        var id = await cluster.NodeIdAsync(node);
        Assert.NotEmpty(onNode);

        await cluster.KillNodeAsync(node);

        Assert.False(cluster.IsNodeRunning(node));
        // Its slots are unserved: a read of one of its keys fails (no connection, or a timeout), not falls elsewhere.
        var down = await Assert.ThrowsAnyAsync<Exception>(() => db.StringGetAsync(onNode[0], CommandFlags.DemandMaster));
        Assert.True(down is RedisConnectionException or RedisTimeoutException, down.ToString());

        await cluster.RestartNodeAsync(node);

        Assert.True(cluster.IsNodeRunning(node));
        Assert.Equal(id, await cluster.NodeIdAsync(node));
        Assert.Contains("cluster_state:ok", await cluster.ClusterInfoAsync(node), StringComparison.Ordinal);
        Assert.Equal(onNode.Length, await cluster.KeyCountAsync(node));
        var values = await Task.WhenAll(keys.Select(k => db.StringGetAsync(k)));
        Assert.All(values, v => Assert.Equal("v", v));
    }
}
