using Streaming.TasteMath;
using Streaming.TestInfrastructure;
using Streaming.TestInfrastructure.Redis;

namespace Streaming.TasteStore.Tests;

/// <summary>Co-listening through a real Redis: both directions, forward decay read at a time, top N per track.</summary>
/// <summary>Runs on one Redis server (<see cref="CoListeningStoreTestsOnServer"/>) and on a 3-node Redis Cluster (<see cref="CoListeningStoreTestsOnCluster"/>).</summary>
public abstract class CoListeningStoreTests(IRedisFixture redis)
{
    private static readonly DateTimeOffset At = new(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private TasteStore NewStore(int perTrack = 100) =>
        new(redis.Connection, new TasteStoreOptions { KeyPrefix = TestNames.KeyPrefix(), TrendingShards = 4, CoListeningPerTrack = perTrack });

    private static long Ms(DateTimeOffset t) => t.ToUnixTimeMilliseconds();

    [Fact]
    public async Task WriteAggregates_OnePair_ReadBackFromBothTracks()
    {
        var store = NewStore();
        var batch = store.CreateAggregateBatch();
        batch.AddCoListening("a", "b", Ms(At));

        await store.WriteAggregatesAsync(batch);
        var lists = await store.ReadCoListeningAsync(["a", "b", "zz"], 10, At);

        Assert.Equal([new ScoredTrack("b", 1)], lists["a"].Select(x => x with { Score = Math.Round(x.Score, 9) }));
        Assert.Equal([new ScoredTrack("a", 1)], lists["b"].Select(x => x with { Score = Math.Round(x.Score, 9) }));
        Assert.False(lists.ContainsKey("zz"));
    }

    [Fact]
    public async Task ReadCoListening_LaterThanThePlays_DecayedCounts()
    {
        var store = NewStore();
        var halfLife = store.Options.CoListeningHalfLife;
        var batch = store.CreateAggregateBatch();
        batch.AddCoListening("a", "b", Ms(At));
        batch.AddCoListening("a", "b", Ms(At + halfLife));
        await store.WriteAggregatesAsync(batch);

        var lists = await store.ReadCoListeningAsync(["a"], 10, At + (2 * halfLife));

        // Half-lives before the read: 2 and 1, so 1/4 + 1/2.
        Assert.Equal(0.75, Assert.Single(lists["a"]).Score, 9);
    }

    [Fact]
    public async Task WriteAggregates_BeyondCapacity_TopNKeptBestFirst()
    {
        var store = NewStore(perTrack: 2);
        var batch = store.CreateAggregateBatch();
        foreach (var (other, times) in new[] { ("b", 3), ("c", 1), ("d", 2) })
        {
            for (var i = 0; i < times; i++)
            {
                batch.AddCoListening("a", other, Ms(At));
            }
        }
        await store.WriteAggregatesAsync(batch);

        var lists = await store.ReadCoListeningAsync(["a", "c"], 10, At);

        Assert.Equal(["b", "d"], lists["a"].Select(x => x.TrackId));
        Assert.Equal(3, lists["a"][0].Score, 9);
        Assert.Equal(["a"], lists["c"].Select(x => x.TrackId));
        Assert.Equal(2, await redis.Connection.GetDatabase().SortedSetLengthAsync(store.Keys.CoListening("a")));
    }

    [Fact]
    public async Task WriteAggregates_SecondWriteBeyondCapacity_TrimmedAgain()
    {
        var store = NewStore(perTrack: 2);
        var first = store.CreateAggregateBatch();
        first.AddCoListening("a", "b", Ms(At));
        first.AddCoListening("a", "c", Ms(At));
        await store.WriteAggregatesAsync(first);
        var second = store.CreateAggregateBatch();
        second.AddCoListening("a", "d", Ms(At + TimeSpan.FromDays(1)));

        await store.WriteAggregatesAsync(second);

        // Equal scores: ZREMRANGEBYRANK drops the lowest member first (b); the later d outweighs both.
        var lists = await store.ReadCoListeningAsync(["a"], 10, At);
        Assert.Equal(["d", "c"], lists["a"].Select(x => x.TrackId));
    }

    [Fact]
    public async Task ReadCoListening_PerTrack_Bounded()
    {
        var store = NewStore();
        var batch = store.CreateAggregateBatch();
        batch.AddCoListening("a", "b", Ms(At));
        batch.AddCoListening("a", "b", Ms(At));
        batch.AddCoListening("a", "c", Ms(At));
        await store.WriteAggregatesAsync(batch);

        var lists = await store.ReadCoListeningAsync(["a"], 1, At);

        Assert.Equal(["b"], lists["a"].Select(x => x.TrackId));
    }

    [Fact]
    public async Task ReadTrackLists_Sources_SuccessorsAndCoListeningTogether()
    {
        var store = NewStore();
        var batch = store.CreateAggregateBatch();
        batch.AddTransition("a", "b", Ms(At));
        batch.AddCoListening("a", "c", Ms(At));
        await store.WriteAggregatesAsync(batch);

        var lists = await store.ReadTrackListsAsync(["a", "c"], 10, At);

        Assert.Equal(["b"], lists.Successors["a"].Select(x => x.TrackId));
        Assert.False(lists.Successors.ContainsKey("c"));
        Assert.Equal(["c"], lists.CoListening["a"].Select(x => x.TrackId));
        Assert.Equal(["a"], lists.CoListening["c"].Select(x => x.TrackId));
    }

    [Fact]
    public async Task ReadTrackKeyLists_Sources_SameEntriesAsByIdInSourceOrder()
    {
        var store = NewStore();
        var batch = store.CreateAggregateBatch();
        batch.AddTransition("a", "b", Ms(At));
        batch.AddTransition("a", "b", Ms(At));
        batch.AddTransition("a", "d", Ms(At));
        batch.AddCoListening("a", "c", Ms(At));
        await store.WriteAggregatesAsync(batch);

        var byId = await store.ReadTrackListsAsync(["c", "a", "x"], 10, At.AddDays(3));
        var byKey = await store.ReadTrackKeyListsAsync(["c", "a", "x"], 10, At.AddDays(3));

        Assert.Equal(3, byKey.Successors.Length);
        Assert.Empty(byKey.Successors[0]);
        Assert.Equal(byId.Successors["a"].Select(t => new ScoredTrackKey(TrackKey.Of(t.TrackId), t.Score)), byKey.Successors[1]);
        Assert.Equal([TrackKey.Of("b"), TrackKey.Of("d")], byKey.Successors[1].Select(k => k.Key));
        Assert.Empty(byKey.Successors[2]);
        Assert.Equal([new ScoredTrackKey(TrackKey.Of("a"), byId.CoListening["c"][0].Score)], byKey.CoListening[0]);
        Assert.Equal([TrackKey.Of("c")], byKey.CoListening[1].Select(k => k.Key));
        Assert.Empty(byKey.CoListening[2]);
    }

    [Fact]
    public async Task WriteAggregates_CoListeningKey_ExpiresAfterThirtyHalfLives()
    {
        var store = NewStore();
        var batch = store.CreateAggregateBatch();
        batch.AddCoListening("a", "b", Ms(At));
        await store.WriteAggregatesAsync(batch);

        var ttl = await redis.Connection.GetDatabase().KeyTimeToLiveAsync(store.Keys.CoListening("a"));

        Assert.InRange(ttl!.Value, (30 * store.Options.CoListeningHalfLife) - TimeSpan.FromMinutes(1), 30 * store.Options.CoListeningHalfLife);
    }
}

[Collection(RedisCollection.Name)]
public sealed class CoListeningStoreTestsOnServer(RedisServerFixture redis) : CoListeningStoreTests(redis);

[Collection(RedisClusterCollection.Name)]
public sealed class CoListeningStoreTestsOnCluster(RedisClusterFixture redis) : CoListeningStoreTests(redis);
