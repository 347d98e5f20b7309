using System.Diagnostics;
using Streaming.Catalog.Core;
using Streaming.Catalog.Core.Synthetic;
using Streaming.Contracts.Events;
using Streaming.TasteMath;
using Streaming.TasteStore;

namespace Streaming.Benchmarks.Recommender;

/// <summary>
/// Puts synthetic listeners into Redis the way the taste worker does: their sessions folded with
/// <see cref="TasteFolder"/>, written through the TasteStore write API (state, history, skips, play counts,
/// trending and transitions), many users per pipelined round trip.
/// </summary>
internal static class BenchUsers
{
    /// <returns>Each listener with the time of their last play (a player asks "next" right after it).</returns>
    public static async Task<(string UserId, DateTimeOffset LastPlay)[]> PopulateAsync(
        TasteStore.TasteStore store, SyntheticCatalog catalog, CatalogSnapshot snapshot, int users, int sessionsPerUser, int seed, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var sessions = Generate(catalog, users, sessionsPerUser, seed);
        Console.WriteLine($"users: {users:N0} listeners, {sessions.Length:N0} plays generated in {clock.Elapsed.TotalSeconds:F1} s");

        clock.Restart();
        var folder = new TasteFolder(TasteParameters.Default);
        var byUser = sessions.GroupBy(p => p.UserId).ToArray();
        const int batchSize = 500;
        for (var start = 0; start < byUser.Length; start += batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var aggregates = store.CreateAggregateBatch();
            var writes = new List<UserWrite>(batchSize);
            foreach (var user in byUser.Skip(start).Take(batchSize))
            {
                var taste = new UserTaste();
                var write = new UserWrite(StoredUserState.New(user.Key));
                var n = 0;
                foreach (var play in user)
                {
                    var e = ToEvent(play, n++);
                    var row = snapshot.IndexOf(e.TrackId);
                    var effects = folder.Apply(taste, e, row >= 0 ? snapshot.VectorOf(row) : ReadOnlySpan<float>.Empty, snapshot.SpaceId);
                    write.Record(e, effects, aggregates);
                }
                write.State = taste;
                writes.Add(write);
            }
            var applied = await store.WriteBatchAsync(aggregates, writes).ConfigureAwait(false);
            if (applied.Any(a => !a))
            {
                throw new InvalidOperationException("A bench user write conflicted: is the key prefix shared?");
            }
        }
        Console.WriteLine($"       written to Redis in {clock.Elapsed.TotalSeconds:F1} s (TasteStore write API, {batchSize} users per round trip)");
        return byUser.Select(u => (u.Key, u.Max(p => p.OccurredAt))).ToArray();
    }

    /// <summary>
    /// Quick planted sessions (the catalog's generator scores every track of a genre per user, too slow for 50k
    /// users): each listener has one or two genres; each session stays in one of them, 5-15 plays, ~10% skips,
    /// sessions a day apart, all in 2025.
    /// </summary>
    private static SyntheticPlay[] Generate(SyntheticCatalog catalog, int users, int sessionsPerUser, int seed)
    {
        var random = new Random(seed);
        var plays = new List<SyntheticPlay>(users * sessionsPerUser * 10);
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var genres = catalog.GenreNames.Count;
        for (var u = 0; u < users; u++)
        {
            var userId = $"bench-user-{u:D6}";
            var taste = new[] { random.Next(genres), random.Next(genres) };
            var clock = start + TimeSpan.FromHours(random.NextDouble() * 24 * 30);
            for (var s = 0; s < sessionsPerUser; s++)
            {
                var sessionId = $"{userId}-s{s}";
                var members = catalog.TrackIndicesOfGenre(taste[random.Next(random.NextDouble() < 0.7 ? 1 : 2)]);
                var length = random.Next(5, 16);
                for (var p = 0; p < length; p++)
                {
                    // Squared uniform: the first tracks of a genre are played more (a popularity skew).
                    var track = catalog.Tracks[members[(int)(members.Count * Math.Pow(random.NextDouble(), 2))]];
                    var skipped = random.NextDouble() < 0.1;
                    var ms = skipped ? 3_000 + random.Next(20_000) : track.DurationMs;
                    clock += TimeSpan.FromMilliseconds(ms);
                    plays.Add(new SyntheticPlay(userId, sessionId, track.Id, track.Artist, track.Title, clock, ms, track.DurationMs,
                        random.NextDouble() < 0.02, skipped));
                    clock += TimeSpan.FromSeconds(2);
                }
                clock += TimeSpan.FromHours(20 + random.Next(10));
            }
        }
        return plays.ToArray();
    }

    private static ListeningEvent ToEvent(SyntheticPlay play, int n) => new()
    {
        EventId = $"{play.UserId}-{n}",
        UserId = play.UserId,
        TrackId = play.TrackId,
        SessionId = play.SessionId,
        Kind = play.Skipped ? ListeningEventKind.Skip : ListeningEventKind.PlayEnded,
        OccurredAt = play.OccurredAt,
        MsPlayed = play.MsPlayed,
        TrackDurationMs = play.DurationMs,
        PrivateSession = play.IsPrivate,
    };
}
