using Streaming.Recommender.Recommendations;
using Streaming.Recommender.Tests.Support;
using Streaming.TestInfrastructure.Redis;

namespace Streaming.Recommender.Tests;

/// <summary>Runs on one Redis server (NextTestsOnServer) and on a 3-node Redis Cluster (NextTestsOnCluster).</summary>
public abstract class NextTests<TRedis>(SharedRecommenderOn<TRedis> shared)
    where TRedis : IRedisFixture, IAsyncLifetime, new()
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private RecommenderTestHost Host => shared.Host;

    [Fact]
    public async Task Next_TrackSkippedInSession_NeverRecommended()
    {
        var user = "skipper-" + Guid.NewGuid().ToString("N")[..8];
        var events = new TestEvents(user, Start).Plays(SyntheticSnapshots.PopularTracksOfGenre(2).Take(4));
        await Host.Writer.ApplyAsync(events.Events);
        var before = await Host.NextAsync(user, $"?sessionId={events.SessionId}&count=20&{events.AtNow}");
        var skipped = before.Tracks[0].TrackId;

        events.Skip(skipped);
        await Host.Writer.ApplyAsync([events.Last]);

        var after = await Host.NextAsync(user, $"?sessionId={events.SessionId}&count=100&{events.AtNow}");
        Assert.Equal(Strategies.Personal, after.Strategy);
        Assert.NotEmpty(after.Tracks);
        Assert.DoesNotContain(after.Tracks, t => t.TrackId == skipped);
        Assert.DoesNotContain(after.Tracks, t => events.Events.Any(e => e.TrackId == t.TrackId));
    }

    [Fact]
    public async Task Next_SessionLongerThanTheExclusionWindow_NoPlayOfTheSessionRecommended()
    {
        var user = "long-session-" + Guid.NewGuid().ToString("N")[..8];
        // 30 plays in one session: more than the 20 most recent plays the exclusion window alone covers.
        var events = new TestEvents(user, Start).Plays(SyntheticSnapshots.PopularTracksOfGenre(4).Take(30));
        await Host.Writer.ApplyAsync(events.Events);

        var answer = await Host.NextAsync(user, $"?sessionId={events.SessionId}&count=100&{events.AtNow}");

        Assert.NotEmpty(answer.Tracks);
        Assert.DoesNotContain(answer.Tracks, t => events.Events.Any(e => e.TrackId == t.TrackId));
    }

    [Fact]
    public async Task Next_ExcludedIds_NeverRecommended()
    {
        var user = "excluder-" + Guid.NewGuid().ToString("N")[..8];
        var events = new TestEvents(user, Start).Plays(SyntheticSnapshots.PopularTracksOfGenre(3).Take(3));
        await Host.Writer.ApplyAsync(events.Events);
        var before = await Host.NextAsync(user, "?count=10");
        var excluded = before.Tracks.Take(3).Select(t => t.TrackId).ToArray();

        var after = await Host.NextAsync(user, $"?count=10&exclude={string.Join(',', excluded)}");

        Assert.Equal(10, after.Tracks.Count);
        Assert.DoesNotContain(after.Tracks, t => excluded.Contains(t.TrackId));
    }

    [Fact]
    public async Task Next_OneGenreSession_SteersTowardThatGenre()
    {
        var user = "steer-" + Guid.NewGuid().ToString("N")[..8];
        // Long-term taste: a lot of genre 0; this session: genre 5 only.
        var events = new TestEvents(user, Start).Plays(SyntheticSnapshots.PopularTracksOfGenre(0).Take(15));
        events.NewSession(TimeSpan.FromDays(1)).Plays(SyntheticSnapshots.PopularTracksOfGenre(5).Take(4));
        await Host.Writer.ApplyAsync(events.Events);

        var answer = await Host.NextAsync(user, $"?sessionId={events.SessionId}&count=10&{events.AtNow}");

        var session = SyntheticSnapshots.Catalog.GenreNames[5];
        Assert.Equal(10, answer.Tracks.Count);
        var inGenre = answer.Tracks.Count(t => SyntheticSnapshots.GenreOf(t.TrackId) == session);
        Assert.True(inGenre >= 7, $"{inGenre}/10 of the next tracks are {session}: {string.Join(", ", answer.Tracks.Select(t => SyntheticSnapshots.GenreOf(t.TrackId)))}");
        Assert.Equal(Strategies.Personal, answer.Strategy);
        Assert.All(answer.Tracks, t => Assert.False(string.IsNullOrEmpty(t.Reason)));
    }

    [Fact]
    public async Task Next_FrequentSuccessorOfLastPlay_RankedWithTransitionReason()
    {
        var genre = SyntheticSnapshots.PopularTracksOfGenre(0);
        var (from, to) = (genre[30], genre[55]);
        var others = Enumerable.Range(0, 4).Select(i => new TestEvents($"seq-{i}-{Guid.NewGuid():N}"[..20], Start).Play(from).Play(to)).ToArray();
        await Host.Writer.ApplyAsync(others.SelectMany(o => o.Events).ToArray());
        var user = "follower-" + Guid.NewGuid().ToString("N")[..8];
        await Host.Writer.ApplyAsync(new TestEvents(user, Start.AddHours(1)).Play(from).Events);

        var answer = await Host.NextAsync(user, "?count=10");

        var successor = Assert.Single(answer.Tracks, t => t.TrackId == to);
        Assert.StartsWith("often played after", successor.Reason);
    }

    [Fact]
    public async Task Next_ArtistCap_AtMostTwoTracksPerArtist()
    {
        var user = "variety-" + Guid.NewGuid().ToString("N")[..8];
        var events = new TestEvents(user, Start).Plays(SyntheticSnapshots.PopularTracksOfGenre(4).Take(5));
        await Host.Writer.ApplyAsync(events.Events);

        var answer = await Host.NextAsync(user, "?count=30");

        Assert.Equal(30, answer.Tracks.Count);
        Assert.All(answer.Tracks.GroupBy(t => t.Artist), g => Assert.True(g.Count() <= 2, $"{g.Key}: {g.Count()} tracks"));
        Assert.Equal(answer.Tracks.Count, answer.Tracks.Select(t => t.TrackId).Distinct().Count());
    }

    [Fact]
    public async Task Next_RecentPlays_NotRecommended()
    {
        var user = "recent-" + Guid.NewGuid().ToString("N")[..8];
        var played = SyntheticSnapshots.TracksOfGenre(6).Take(15).ToArray();
        var events = new TestEvents(user, Start).Plays(played);
        await Host.Writer.ApplyAsync(events.Events);

        var answer = await Host.NextAsync(user, "?count=50");

        Assert.DoesNotContain(answer.Tracks, t => played.Contains(t.TrackId));
    }

    [Fact]
    public async Task Next_AfterEvents_ReportsLastAppliedEvent()
    {
        var user = "fresh-" + Guid.NewGuid().ToString("N")[..8];
        var events = new TestEvents(user, Start).Plays(SyntheticSnapshots.TracksOfGenre(1).Take(3));
        await Host.Writer.ApplyAsync(events.Events);

        var answer = await Host.NextAsync(user);

        Assert.Equal(events.Last.EventId, answer.LastAppliedEventId);
        Assert.Equal(events.Last.OccurredAt, answer.LastEventAt);
        Assert.Equal(RecommenderTestHost.FirstVersion, answer.CatalogVersion);
        Assert.False(answer.Degraded);
    }

    [Fact]
    public async Task Next_UnknownUser_ColdStartNot404()
    {
        var answer = await Host.NextAsync("never-seen-" + Guid.NewGuid().ToString("N")[..8]);

        Assert.False(answer.Degraded);
        Assert.Contains(answer.Strategy, new[] { Strategies.Trending, Strategies.Popular });
        Assert.Equal(10, answer.Tracks.Count);
        Assert.Null(answer.LastAppliedEventId);
    }

    [Fact]
    public async Task Next_ColdStart_AnswersTrendingTracks()
    {
        // A host of its own (own key prefix): trending is global, so what other tests played must not decide it.
        await using var host = await RecommenderTestHost.StartAsync(shared.Redis, testName: nameof(Next_ColdStart_AnswersTrendingTracks));
        // Other listeners make some tracks trend.
        var listeners = Enumerable.Range(0, 3).Select(i => new TestEvents($"trend-{i}-{Guid.NewGuid():N}"[..20], Start)
            .Plays(SyntheticSnapshots.PopularTracksOfGenre(7).Take(6))).ToArray();
        await host.Writer.ApplyAsync(listeners.SelectMany(l => l.Events).ToArray());
        var answer = await RecommenderTestHost.EventuallyAsync(
            () => host.NextAsync("cold-" + Guid.NewGuid().ToString("N")[..8]),
            a => a.Strategy == Strategies.Trending
                 && a.Tracks.Any(t => t.Reason == Reasons.Trending && SyntheticSnapshots.GenreOf(t.TrackId) == SyntheticSnapshots.Catalog.GenreNames[7]));

        Assert.Equal(Strategies.Trending, answer.Strategy);
        Assert.False(answer.Degraded);
        Assert.NotEmpty(answer.Tracks);
        var trending = (await host.Store.ReadTrendingAsync(2000)).Select(t => t.TrackId).ToHashSet();
        // Trending tracks first; a trending list still shorter than the answer is followed by popular catalog tracks.
        var fromTrending = answer.Tracks.TakeWhile(t => t.Reason == Reasons.Trending).ToArray();
        Assert.NotEmpty(fromTrending);
        Assert.All(fromTrending, t => Assert.Contains(t.TrackId, trending));
        Assert.All(answer.Tracks.Skip(fromTrending.Length), t => Assert.Equal(Reasons.Popular, t.Reason));
    }

    [Fact]
    public async Task Next_VectorsOfAnotherSpace_SessionSeededFromLatestPlays()
    {
        var user = "seeded-" + Guid.NewGuid().ToString("N")[..8];
        var played = SyntheticSnapshots.PopularTracksOfGenre(2).Take(2).ToArray();
        // Vectors folded against a catalog of another embedding space: the recommender must not mix them
        // with its index, so it answers from the history (the neighbours of the latest plays).
        var otherSpace = SyntheticSnapshots.Create("20240101T000000000Z", "another-space", rotate: true);
        var writer = new TasteWriter(Host.Store, () => otherSpace);
        await writer.ApplyAsync(new TestEvents(user, Start).Plays(played).Events);

        var answer = await Host.NextAsync(user, "?count=10");

        Assert.Equal(Strategies.SessionSeeded, answer.Strategy);
        var genre = SyntheticSnapshots.GenreOf(played[0]);
        Assert.True(answer.Tracks.Count(t => SyntheticSnapshots.GenreOf(t.TrackId) == genre) >= 7,
            string.Join(", ", answer.Tracks.Select(t => SyntheticSnapshots.GenreOf(t.TrackId))));
        Assert.DoesNotContain(answer.Tracks, t => played.Contains(t.TrackId));
    }
}

[Collection(RecommenderCollection.Name)]
public sealed class NextTestsOnServer(SharedRecommender shared) : NextTests<RedisServerFixture>(shared);

[Collection(RecommenderOnClusterCollection.Name)]
public sealed class NextTestsOnCluster(SharedRecommenderOnCluster shared) : NextTests<RedisClusterFixture>(shared);
