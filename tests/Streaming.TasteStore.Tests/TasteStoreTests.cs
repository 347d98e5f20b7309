using Streaming.TasteMath;
using Streaming.TestInfrastructure;
using Streaming.TestInfrastructure.Redis;

namespace Streaming.TasteStore.Tests;

/// <summary>Runs on one Redis server (<see cref="TasteStoreTestsOnServer"/>) and on a 3-node Redis Cluster (<see cref="TasteStoreTestsOnCluster"/>).</summary>
public abstract class TasteStoreTests(IRedisFixture redis)
{
    private TasteStore NewStore() => new(redis.Connection, new TasteStoreOptions { KeyPrefix = TestNames.KeyPrefix(), TrendingShards = 4 });

    private static UserTaste SampleTaste(long t)
    {
        var lt = new DecayedVector("space", 4);
        lt.Add([1f, 0f, 0f, 0f], 1f, t, TimeSpan.FromDays(21));
        var ss = new DecayedVector("space", 4);
        ss.Add([0f, 1f, 0f, 0f], 0.5f, t, TimeSpan.FromMinutes(10));
        return new UserTaste { LongTerm = lt, Session = ss, SessionId = "s1", SessionLastMs = t, LastEventMs = t, NowPlaying = "B", PlayCount = 1 };
    }

    [Fact]
    public async Task WriteUsers_ThenReadContext_ReturnsStateHistoryAndSkips()
    {
        var store = NewStore();
        var t = DateTimeOffset.Parse("2025-05-01T10:00:00Z").ToUnixTimeMilliseconds();
        var write = new UserWrite(StoredUserState.New("u1")) { State = SampleTaste(t) };
        write.RecentPushes.AddRange(["A", "X", "B"]);
        write.SessionSkips.Add("X");
        write.AppliedEvents.Add(("e1", t));
        write.AddPlay("A", t);

        Assert.Equal(new[] { true }, await store.WriteUsersAsync([write]));
        var ctx = await store.ReadUserContextAsync("u1");

        Assert.Equal(["B", "X", "A"], ctx.RecentTrackIds);
        Assert.Equal(["X"], ctx.SessionSkippedTrackIds);
        Assert.Equal("s1", ctx.SessionId);
        Assert.Equal("B", ctx.NowPlaying);
        Assert.Equal(t, ctx.LongTerm!.ReferenceTimeMs);
        Assert.Equal("space", ctx.Session!.SpaceId);
        Assert.Equal(1f, ctx.LongTerm.Sum[0]);
        Assert.Equal([new ScoredTrack("A", 1)], await store.ReadTopTracksAsync("u1", 2025, 10));
        Assert.Empty(await store.ReadTopTracksAsync("u1", 2024, 10));
    }

    [Fact]
    public async Task WriteUsers_StaleSequence_ConflictAndNothingWritten()
    {
        var store = NewStore();
        var t = 1_746_000_000_000L;
        Assert.Equal(new[] { true }, await store.WriteUsersAsync([new UserWrite(StoredUserState.New("u1")) { State = SampleTaste(t) }]));

        var zombie = new UserWrite(StoredUserState.New("u1")) { State = SampleTaste(t + 1) };
        zombie.RecentPushes.Add("Z");

        Assert.Equal(new[] { false }, await store.WriteUsersAsync([zombie]));
        Assert.Empty((await store.ReadUserContextAsync("u1")).RecentTrackIds);
        var state = (await store.ReadUserStatesAsync([new UserStateRequest("u1", [])]))[0];
        Assert.Equal(1, state.Sequence);
    }

    [Fact]
    public async Task ReadUserStates_ReportsAppliedIdsAndOffsetWatermark()
    {
        var store = NewStore();
        var t = 1_746_000_000_000L;
        var field = TasteKeys.OffsetField("topic", 3);
        var write = new UserWrite(StoredUserState.New("u1")) { State = SampleTaste(t), AppliedOffset = (field, 41) };
        write.AppliedEvents.Add(("e1", t));
        await store.WriteUsersAsync([write]);

        var state = (await store.ReadUserStatesAsync([new UserStateRequest("u1", ["e0", "e1"])]))[0];

        Assert.Equal([false, true], state.AlreadyApplied);
        Assert.Equal(41, state.AppliedOffsetOf(field));
        Assert.Equal("s1", state.Taste.SessionId);
        Assert.Equal(1, state.Taste.PlayCount);
    }

    [Fact]
    public async Task StateAfter_SuccessiveWritesTrimmingAndErasure_EqualsWhatRedisHolds()
    {
        // A small seen set and window, so the writes cross both trims; equal event times make the rank trim break ties by member.
        var store = new TasteStore(redis.Connection, new TasteStoreOptions { KeyPrefix = TestNames.KeyPrefix(), SeenCapacity = 5, SeenWindow = TimeSpan.FromHours(1) });
        var field = TasteKeys.OffsetField("topic", 7);
        var t0 = 1_746_000_000_000L;
        var random = new Random(11);
        var everApplied = new List<string>();
        var kept = (await store.ReadUserStatesAsync([new UserStateRequest("u1", [])]))[0];
        for (var step = 0; step < 40; step++)
        {
            var write = new UserWrite(kept) { EraseFirst = step is 17 or 31 };
            var t = t0 + step * 10 * 60_000L; // ten minutes apart: the one-hour window drops the oldest
            for (var e = 0; e < random.Next(0, 4); e++)
            {
                var id = $"e{step}-{e}";
                write.AppliedEvents.Add((id, t - (e % 2 == 0 ? 0 : random.Next(0, 3) * 60_000L)));
                everApplied.Add(id);
            }
            var taste = kept.Taste.Clone();
            taste.LastEventMs = t;
            taste.PlayCount++;
            write.State = step == 31 ? null : taste;
            write.AppliedOffset = (field, step * 3);

            Assert.Equal(new[] { true }, await store.WriteUsersAsync([write]));
            var expected = store.StateAfter(write);
            var read = (await store.ReadUserStatesAsync([new UserStateRequest("u1", everApplied)]))[0];

            Assert.Equal(read.Sequence, expected.Sequence);
            Assert.Equal(read.AppliedOffsetOf(field), expected.AppliedOffsetOf(field));
            Assert.Equal(read.Seen.Count, expected.Seen.Count);
            Assert.Equal(read.AlreadyApplied, everApplied.Select(expected.Seen.Contains));
            Assert.Equal(read.Taste.LastEventMs, expected.Taste.LastEventMs);
            Assert.Equal(read.Taste.PlayCount, expected.Taste.PlayCount);
            kept = expected;
        }
        Assert.InRange(kept.Seen.Count, 1, 5);
    }

    [Fact]
    public async Task DeleteUser_RemovesEveryKey()
    {
        var store = NewStore();
        var t = 1_746_000_000_000L;
        var write = new UserWrite(StoredUserState.New("u1")) { State = SampleTaste(t) };
        write.RecentPushes.Add("A");
        write.SessionSkips.Add("A");
        write.AppliedEvents.Add(("e1", t));
        write.AddPlay("A", t);
        await store.WriteUsersAsync([write]);
        Assert.Equal(2, (await store.ExistingKeysOfUserAsync("u1")).Count);

        Assert.True(await store.DeleteUserAsync("u1"));

        Assert.Empty(await store.ExistingKeysOfUserAsync("u1"));
        Assert.True((await store.ReadUserContextAsync("u1")).IsEmpty);
    }

    [Fact]
    public async Task WriteUser_Ttls_UserTtlAndThirteenMonthsForPlays()
    {
        var store = NewStore();
        var t = 1_746_000_000_000L;
        var write = new UserWrite(StoredUserState.New("u1")) { State = SampleTaste(t) };
        write.AddPlay("A", t);
        await store.WriteUsersAsync([write]);

        var stateTtl = await redis.Connection.GetDatabase().KeyTimeToLiveAsync(store.Keys.User("u1"));
        var playsTtl = await redis.Connection.GetDatabase().KeyTimeToLiveAsync(store.Keys.Plays("u1"));

        Assert.InRange(stateTtl!.Value, TimeSpan.FromDays(59), TimeSpan.FromDays(60));
        Assert.True(playsTtl!.Value > TimeSpan.FromDays(395));
    }

    [Fact]
    public async Task WriteBatch_AggregatesAndUsers_BothLandAndConflictsReported()
    {
        var store = NewStore();
        var t = DateTimeOffset.Parse("2025-06-01T00:00:00Z").ToUnixTimeMilliseconds();
        Assert.Equal(new[] { true }, await store.WriteUsersAsync([new UserWrite(StoredUserState.New("taken")) { State = SampleTaste(t) }]));
        var aggregates = store.CreateAggregateBatch();
        aggregates.AddPlay("a", t);
        aggregates.AddTransition("a", "b", t);
        var fresh = new UserWrite(StoredUserState.New("u1")) { State = SampleTaste(t) };
        fresh.RecentPushes.Add("a");

        var applied = await store.WriteBatchAsync(aggregates, [fresh, new UserWrite(StoredUserState.New("taken")) { State = SampleTaste(t + 1) }]);

        Assert.Equal(new[] { true, false }, applied);
        Assert.Equal(["a"], (await store.ReadUserContextAsync("u1")).RecentTrackIds);
        Assert.Equal(["a"], (await store.ReadTrendingAsync(5, DateTimeOffset.FromUnixTimeMilliseconds(t))).Select(x => x.TrackId));
        Assert.Equal(["b"], (await store.ReadTransitionsAsync(["a"], 5, DateTimeOffset.FromUnixTimeMilliseconds(t)))["a"].Select(x => x.TrackId));
    }

    [Fact]
    public void SendsInOrder_OnlyOnOneServer()
    {
        Assert.Equal(redis is RedisServerFixture, NewStore().SendsInOrder);
    }

    [Fact]
    public async Task Aggregates_TrendingMergedAcrossShards_TransitionsTopN()
    {
        var store = new TasteStore(redis.Connection, new TasteStoreOptions { KeyPrefix = TestNames.KeyPrefix(), TrendingShards = 4, TransitionsPerTrack = 2 });
        var t = DateTimeOffset.Parse("2025-06-01T00:00:00Z");
        var batch = store.CreateAggregateBatch();
        foreach (var (track, plays) in new[] { ("a", 5), ("b", 3), ("c", 1), ("d", 4) })
        {
            for (var i = 0; i < plays; i++)
            {
                batch.AddPlay(track, t.ToUnixTimeMilliseconds());
            }
        }
        batch.AddTransition("a", "b", t.ToUnixTimeMilliseconds());
        batch.AddTransition("a", "b", t.ToUnixTimeMilliseconds());
        batch.AddTransition("a", "c", t.ToUnixTimeMilliseconds());
        batch.AddTransition("a", "d", t.AddDays(-30).ToUnixTimeMilliseconds());
        await store.WriteAggregatesAsync(batch);

        var trending = await store.ReadTrendingAsync(3, asOf: t);
        var transitions = await store.ReadTransitionsAsync(["a", "zz"], 5, asOf: t);

        Assert.Equal(["a", "d", "b"], trending.Select(x => x.TrackId));
        Assert.Equal(5, trending[0].Score, 6);
        Assert.Equal(["b", "c"], transitions["a"].Select(x => x.TrackId));
        Assert.Equal(2, transitions["a"][0].Score, 6);
        Assert.False(transitions.ContainsKey("zz"));
    }
}

[Collection(RedisCollection.Name)]
public sealed class TasteStoreTestsOnServer(RedisServerFixture redis) : TasteStoreTests(redis);

[Collection(RedisClusterCollection.Name)]
public sealed class TasteStoreTestsOnCluster(RedisClusterFixture redis) : TasteStoreTests(redis);
