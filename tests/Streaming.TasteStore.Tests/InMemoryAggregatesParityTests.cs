using Streaming.NextTrack.Training;
using Streaming.TestInfrastructure;
using Streaming.TestInfrastructure.Redis;

namespace Streaming.TasteStore.Tests;

/// <summary>
/// The simulation's in-memory aggregates against the store on a real Redis, one write per event (the in-memory
/// copy trims after every event): the same lists, in the same order (ties included), with the same decayed counts.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class InMemoryAggregatesParityTests(RedisServerFixture redis)
{
    private static readonly string[] Tracks = ["a", "b", "c", "d", "e", "f", "g"];

    [Fact]
    public async Task ManyEvents_OneWriteEach_SameListsAsRedis()
    {
        var options = new TasteStoreOptions { KeyPrefix = TestNames.KeyPrefix(), TrendingShards = 4, CoListeningPerTrack = 3, TransitionsPerTrack = 2 };
        var store = new TasteStore(redis.Connection, options);
        var memory = new InMemoryAggregates(options);
        var random = new Random(11);
        var start = new DateTimeOffset(2025, 5, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        for (var i = 0; i < 80; i++)
        {
            var from = Tracks[random.Next(Tracks.Length)];
            var to = Tracks[random.Next(Tracks.Length)];
            if (from == to)
            {
                continue;
            }
            // Few distinct times, so equal scores (ties at the cut and in the reads) happen often.
            var t = start + (random.Next(4) * 6 * 3_600_000L);
            var batch = store.CreateAggregateBatch();
            batch.AddCoListening(from, to, t);
            batch.AddTransition(from, to, t);
            await store.WriteAggregatesAsync(batch);
            memory.AddCoListening(from, to, t);
            memory.AddTransition(from, to, t);
        }

        var asOf = DateTimeOffset.FromUnixTimeMilliseconds(start).AddDays(3);
        var lists = await store.ReadTrackListsAsync(Tracks, 10, asOf);

        foreach (var track in Tracks)
        {
            AssertSame(memory.CoListening(track, 10, asOf.ToUnixTimeMilliseconds()), lists.CoListening.GetValueOrDefault(track) ?? []);
            AssertSame(memory.Successors(track, 10, asOf.ToUnixTimeMilliseconds()), lists.Successors.GetValueOrDefault(track) ?? []);
        }
    }

    private static void AssertSame(IReadOnlyList<(string TrackId, double Count)> memory, IReadOnlyList<ScoredTrack> stored)
    {
        Assert.Equal(stored.Select(s => s.TrackId), memory.Select(m => m.TrackId));
        for (var i = 0; i < stored.Count; i++)
        {
            Assert.Equal(stored[i].Score, memory[i].Count, 9);
        }
    }
}
