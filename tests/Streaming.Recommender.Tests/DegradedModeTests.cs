using System.Net;
using System.Net.Http.Json;
using Streaming.Recommender.Api;
using Streaming.Recommender.Recommendations;
using Streaming.Recommender.Tests.Support;
using Streaming.TestInfrastructure.Redis;

namespace Streaming.Recommender.Tests;

/// <summary>Stops its own redis-server (never the shared one) under a running recommender.</summary>
public sealed class DegradedModeTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    [Fact]
    public async Task Get_RedisStopped_200DegradedTrendingNever500AndStaysReady()
    {
        await using var host = await RecommenderTestHost.StartAsync(redis, new Dictionary<string, string?>
        {
            ["Recommender:RedisTimeout"] = "00:00:00.100",
            ["Recommender:BreakerBreakDuration"] = "00:00:01",
        });
        var listener = new TestEvents("listener-1", new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero))
            .Plays(SyntheticSnapshots.PopularTracksOfGenre(1).Take(8));
        await host.Writer.ApplyAsync(listener.Events);
        var trending = (await host.Store.ReadTrendingAsync(100)).Select(t => t.TrackId).ToHashSet();
        await RecommenderTestHost.EventuallyAsync(() => host.NextAsync("cold-user"), a => a.Strategy == Strategies.Trending);
        // The precondition under a 100 ms budget: one answer on a loaded machine may miss it, so it is polled for.
        await RecommenderTestHost.EventuallyAsync(() => host.NextAsync("listener-1"), a => !a.Degraded && a.Strategy == Strategies.Personal);

        await redis.StopAsync();
        try
        {
            using var client = host.ServiceClient();
            var statuses = await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
            {
                var path = (i % 4) switch
                {
                    0 => "/v1/users/listener-1/next?count=5",
                    1 => "/v1/users/listener-1/discover",
                    2 => "/v1/users/listener-1/top",
                    _ => "/v1/users/someone-else/next",
                };
                return (await client.GetAsync(path)).StatusCode;
            }));
            Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));

            var answer = await host.NextAsync("listener-1", "?count=5", client);
            Assert.True(answer.Degraded);
            Assert.Equal(Strategies.Trending, answer.Strategy);
            Assert.NotEmpty(answer.Tracks);
            Assert.Equal(Reasons.Trending, answer.Tracks[0].Reason);
            Assert.All(answer.Tracks.Where(t => t.Reason == Reasons.Trending), t => Assert.Contains(t.TrackId, trending));

            var top = (await client.GetFromJsonAsync("/v1/users/listener-1/top", RecommenderJsonContext.Default.TopTracksResponse))!;
            Assert.True(top.Degraded);

            // The pod stays ready: a Redis outage degrades answers, it does not take replicas out.
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        }
        finally
        {
            await redis.StartAsync();
        }

        // Redis is back (empty: the outage lost its data): answers stop being degraded once the breaker closes.
        await RecommenderTestHost.EventuallyAsync(() => host.NextAsync("listener-1"), a => !a.Degraded);
    }

    [Fact]
    public async Task Start_RedisDown_ReadyAndAnswersDegradedFromCatalogPopularity()
    {
        await redis.StopAsync();
        try
        {
            await using var host = await RecommenderTestHost.StartAsync(redis);
            using var client = host.ServiceClient();

            var answer = await host.NextAsync("anyone", "?count=5", client);

            Assert.True(answer.Degraded);
            Assert.Equal(Strategies.Popular, answer.Strategy);
            Assert.Equal(5, answer.Tracks.Count);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        }
        finally
        {
            await redis.StartAsync();
        }
    }

    [Fact]
    public async Task Next_RedisTooSlow_TimesOutToDegradedTrending()
    {
        await using var host = await RecommenderTestHost.StartAsync(redis, new Dictionary<string, string?>
        {
            ["Recommender:RedisTimeout"] = "00:00:00.100",
        });
        var listener = new TestEvents("slow-listener", new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero))
            .Plays(SyntheticSnapshots.PopularTracksOfGenre(2).Take(8));
        await host.Writer.ApplyAsync(listener.Events);
        await RecommenderTestHost.EventuallyAsync(() => host.NextAsync("cold-user"), a => a.Strategy == Strategies.Trending);

        // Every client of the server waits 2 s: the read exceeds the 100 ms budget.
        await redis.Database.ExecuteAsync("CLIENT", "PAUSE", "2000", "ALL");
        var answer = await host.NextAsync("slow-listener");

        Assert.True(answer.Degraded);
        Assert.Equal(Strategies.Trending, answer.Strategy);
        Assert.NotEmpty(answer.Tracks);
        await RecommenderTestHost.EventuallyAsync(() => host.NextAsync("slow-listener"), a => !a.Degraded);
    }
}
