using Streaming.Contracts.Events;
using Streaming.TasteMath;
using Streaming.TestInfrastructure;
using Streaming.TestInfrastructure.Redis;

namespace Streaming.TasteStore.Tests;

/// <summary>The listener's own history and the session tracks and plays, stored in the user blob, through a real Redis.</summary>
/// <summary>Runs on one Redis server (<see cref="HistoryStoreTestsOnServer"/>) and on a 3-node Redis Cluster (<see cref="HistoryStoreTestsOnCluster"/>).</summary>
public abstract class HistoryStoreTests(IRedisFixture redis)
{
    private const long T = 1_750_000_000_000L;

    private TasteStore NewStore() => new(redis.Connection, new TasteStoreOptions { KeyPrefix = TestNames.KeyPrefix(), TrendingShards = 4 });

    private static async Task<StoredUserState> StoredAsync(TasteStore store, string userId) =>
        (await store.ReadUserStatesAsync([new UserStateRequest(userId, [])]))[0];

    private static UserTaste TasteWithHistory()
    {
        var taste = new UserTaste { SessionId = "s1", SessionLastMs = T, LastEventMs = T, PlayCount = 2, SessionPlays = 3, SessionTracks = ["A", "B"] };
        taste.History.RecordPlay(TrackKey.Of("A"), T - 60_000, TrackKey.None, TasteParameters.Default);
        taste.History.RecordPlay(TrackKey.Of("B"), T, TrackKey.Of("A"), TasteParameters.Default);
        taste.History.RecordSkip(TrackKey.Of("X"), T - 30_000, TasteParameters.Default);
        return taste;
    }

    [Fact]
    public async Task WriteUsers_StateWithHistory_ReadForUpdateGetsHistoryWindowAndSessionPlays()
    {
        var store = NewStore();
        var taste = TasteWithHistory();
        await store.WriteUsersAsync([new UserWrite(StoredUserState.New("u1")) { State = taste }]);

        var read = (await store.ReadUserStatesAsync([new UserStateRequest("u1", [])]))[0].Taste;

        Assert.Equal(taste.History.Entries, read.History.Entries);
        Assert.Equal(["A", "B"], read.SessionTracks);
        Assert.Equal(3, read.SessionPlays);
    }

    [Fact]
    public async Task WriteUsers_StateWithHistory_ReadContextGetsTheBlobAndSessionPlays()
    {
        var store = NewStore();
        var taste = TasteWithHistory();
        await store.WriteUsersAsync([new UserWrite(StoredUserState.New("u1")) { State = taste }]);

        var context = await store.ReadUserContextAsync("u1");

        Assert.Equal(HistoryBlob.Write(taste.History), context.HistoryBlob);
        Assert.Equal(3, context.SessionPlays);
    }

    [Fact]
    public async Task WriteUsers_EmptyWindowAndNoSessionPlays_FieldsCleared()
    {
        var store = NewStore();
        await store.WriteUsersAsync([new UserWrite(StoredUserState.New("u1")) { State = TasteWithHistory() }]);
        var next = TasteWithHistory();
        next.SessionTracks = [];
        next.SessionPlays = 0;

        await store.WriteUsersAsync([new UserWrite(await StoredAsync(store, "u1")) { State = next }]);

        var read = (await store.ReadUserStatesAsync([new UserStateRequest("u1", [])]))[0].Taste;
        Assert.Empty(read.SessionTracks);
        Assert.Equal(0, read.SessionPlays);
        Assert.Equal(0, (await store.ReadUserContextAsync("u1")).SessionPlays);
    }

    [Fact]
    public async Task WriteUsers_StateWithoutHistory_StoresNoHistory()
    {
        // The state written is the whole user (one blob): the fold's taste holds the history it read, so an empty one is empty.
        var store = NewStore();
        var taste = TasteWithHistory();
        await store.WriteUsersAsync([new UserWrite(StoredUserState.New("u1")) { State = taste }]);
        Assert.Equal(HistoryBlob.Write(taste.History), (await store.ReadUserContextAsync("u1")).HistoryBlob);

        await store.WriteUsersAsync([new UserWrite(await StoredAsync(store, "u1")) { State = new UserTaste { LastEventMs = T + 1 } }]);

        Assert.Null((await store.ReadUserContextAsync("u1")).HistoryBlob);
        Assert.Equal(0, (await StoredAsync(store, "u1")).Taste.History.Count);
    }

    [Fact]
    public async Task ReadUserContext_NoHistory_NullBlob()
    {
        var store = NewStore();
        await store.WriteUsersAsync([new UserWrite(StoredUserState.New("u1")) { State = new UserTaste { LastEventMs = T } }]);

        var context = await store.ReadUserContextAsync("u1");

        Assert.Null(context.HistoryBlob);
        Assert.Equal(0, context.SessionPlays);
    }

    [Fact]
    public async Task ReadUserStates_UnreadableUserBlob_RestartedEmptyAndReplacedByTheNextWrite()
    {
        var store = NewStore();
        await redis.Connection.GetDatabase().StringSetAsync(store.Keys.User("u1"), new byte[] { 9, 9, 9, 9 });

        var read = (await store.ReadUserStatesAsync([new UserStateRequest("u1", [])]))[0];

        Assert.Equal(0, read.Taste.History.Count);
        Assert.True((await store.ReadUserContextAsync("u1")).IsEmpty);
        Assert.Equal(new[] { true }, await store.WriteUsersAsync([new UserWrite(read) { State = TasteWithHistory() }]));
        Assert.Equal("s1", (await store.ReadUserContextAsync("u1")).SessionId);
    }

    [Fact]
    public async Task DeleteUser_WithHistoryAndLegacyKeys_EveryKeyRemoved()
    {
        var store = NewStore();
        await store.WriteUsersAsync([new UserWrite(StoredUserState.New("u1")) { State = TasteWithHistory() }]);
        var legacyHistory = store.Keys.LegacyOfUser("u1")[^1];
        await redis.Connection.GetDatabase().StringSetAsync(legacyHistory, new byte[] { 1 });
        Assert.Contains(legacyHistory.ToString(), await store.ExistingKeysOfUserAsync("u1"));

        Assert.True(await store.DeleteUserAsync("u1"));

        Assert.Empty(await store.ExistingKeysOfUserAsync("u1"));
        Assert.Null((await store.ReadUserContextAsync("u1")).HistoryBlob);
    }

    [Fact]
    public async Task WriteUsers_EraseFirst_EveryKeyRemovedLegacyToo()
    {
        var store = NewStore();
        var write = new UserWrite(StoredUserState.New("u1")) { State = TasteWithHistory() };
        write.AddPlay("A", T);
        await store.WriteUsersAsync([write]);
        await redis.Connection.GetDatabase().StringSetAsync(store.Keys.LegacyOfUser("u1")[0], new byte[] { 1 });

        await store.WriteUsersAsync([new UserWrite(await StoredAsync(store, "u1")) { EraseFirst = true }]);

        Assert.Empty(await store.ExistingKeysOfUserAsync("u1"));
    }

    [Fact]
    public async Task FoldedSession_WrittenThenRead_HistoryNextCoListeningAndSuccessor()
    {
        var store = NewStore();
        var folder = new TasteFolder(TasteParameters.Default);
        var taste = new UserTaste();
        var write = new UserWrite(StoredUserState.New("u1"));
        var batch = store.CreateAggregateBatch();
        var at = DateTimeOffset.FromUnixTimeMilliseconds(T);
        foreach (var (track, minutes) in new[] { ("A", 0), ("B", 4) })
        {
            var e = new ListeningEvent
            {
                EventId = "e-" + track, UserId = "u1", TrackId = track, SessionId = "s1", Kind = ListeningEventKind.PlayEnded,
                OccurredAt = at.AddMinutes(minutes), MsPlayed = 200_000, TrackDurationMs = 200_000,
            };
            write.Record(e, folder.Apply(taste, e, ReadOnlySpan<float>.Empty, "space"), batch);
        }
        write.State = taste;

        await store.WriteUsersAsync([write]);
        await store.WriteAggregatesAsync(batch);

        var context = await store.ReadUserContextAsync("u1");
        var history = HistoryBlob.Read(context.HistoryBlob);
        Assert.True(history.TryGet(TrackKey.Of("A"), out var a));
        Assert.Equal(TrackKey.Of("B"), a.Next);
        Assert.Equal(2, context.SessionPlays);
        var lists = await store.ReadTrackListsAsync(["A", "B"], 10, at.AddMinutes(4));
        Assert.Equal(["B"], lists.CoListening["A"].Select(x => x.TrackId));
        Assert.Equal(["A"], lists.CoListening["B"].Select(x => x.TrackId));
        Assert.Equal(["B"], lists.Successors["A"].Select(x => x.TrackId));
        Assert.False(lists.Successors.ContainsKey("B"));
    }
}

[Collection(RedisCollection.Name)]
public sealed class HistoryStoreTestsOnServer(RedisServerFixture redis) : HistoryStoreTests(redis);

[Collection(RedisClusterCollection.Name)]
public sealed class HistoryStoreTestsOnCluster(RedisClusterFixture redis) : HistoryStoreTests(redis);
