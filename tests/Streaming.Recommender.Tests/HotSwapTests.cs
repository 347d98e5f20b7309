using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Streaming.Catalog.Core;
using Streaming.Catalog.Core.Hosting;
using Streaming.Contracts.Catalog;
using Streaming.Recommender.Api;
using Streaming.Recommender.Index;
using Streaming.Recommender.Recommendations;
using Streaming.Recommender.Tests.Support;
using Streaming.TestInfrastructure.Redis;

namespace Streaming.Recommender.Tests;

public sealed class HotSwapTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    [Fact]
    public async Task Index_NewSnapshotWhileServing_SwappedWithoutFailedRequests()
    {
        // A low exact threshold makes this 800-track catalog use HNSW, the large-catalog path.
        await using var host = await RecommenderTestHost.StartAsync(redis, new Dictionary<string, string?>
        {
            ["Recommender:ExactThreshold"] = "100",
            ["RateLimiting:Enabled"] = "false",
        });
        var first = host.Services.GetRequiredService<TrackIndexHolder>().Current!;
        Assert.Equal("hnsw", first.Kind);
        Assert.True(first.RecallAt10 >= 0.9, $"recall@10 {first.RecallAt10}");

        var user = "swapper";
        var events = new TestEvents(user, new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero))
            .Plays(SyntheticSnapshots.PopularTracksOfGenre(3).Take(5));
        await host.Writer.ApplyAsync(events.Events);
        Assert.Equal(Strategies.Personal, (await host.NextAsync(user)).Strategy);

        // A retrained catalog: new version, new embedding space.
        const string next = "20250201T000000000Z";
        var snapshot = SyntheticSnapshots.Create(next, "synthetic-42-retrained", rotate: true);
        CatalogSnapshotWriter.Write(snapshot, host.SnapshotDirectory);

        using var client = host.ServiceClient();
        var failures = new ConcurrentBag<string>();
        var versions = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();
        var load = Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var path = worker % 2 == 0 ? $"/v1/users/{user}/next?count=10" : $"/v1/tracks/{SyntheticSnapshots.Catalog.Tracks[worker].Id}/similar";
                var response = await client.GetAsync(path);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    failures.Add($"{path}: {(int)response.StatusCode}");
                }
                else if (worker % 2 == 0)
                {
                    var answer = (await response.Content.ReadFromJsonAsync(RecommenderJsonContext.Default.RecommendationsResponse))!;
                    versions.Add(answer.CatalogVersion);
                    if (answer.Tracks.Count != 10 || answer.Degraded)
                    {
                        failures.Add($"{answer.CatalogVersion}: {answer.Tracks.Count} tracks, degraded {answer.Degraded}");
                    }
                }
            }
        })).ToArray();

        // Load is flowing on the old version before the swap, and on the new one after it: waited for, not slept.
        await RecommenderTestHost.EventuallyAsync(() => Task.FromResult(versions.Contains(RecommenderTestHost.FirstVersion)), seen => seen, TimeSpan.FromSeconds(60));
        await host.Services.GetRequiredService<ICatalogBus>().Publish(new CatalogVersionPublished(
            next, snapshot.SpaceId, snapshot.Dimensions, snapshot.Count, snapshot.FileName, DateTimeOffset.UtcNow));
        var swapped = await RecommenderTestHost.EventuallyAsync(
            () => Task.FromResult(host.Services.GetRequiredService<TrackIndexHolder>().Current!),
            i => i.Version == next, TimeSpan.FromSeconds(60));
        await RecommenderTestHost.EventuallyAsync(() => Task.FromResult(versions.Contains(next)), seen => seen, TimeSpan.FromSeconds(60));
        stop.Cancel();
        await Task.WhenAll(load);

        Assert.Equal(next, swapped.Version);
        Assert.Empty(failures);
        Assert.Contains(RecommenderTestHost.FirstVersion, versions);
        Assert.Contains(next, versions);

        // The stored vectors belong to the old space: never mixed with the new index, the history seeds the answer.
        var after = await host.NextAsync(user);
        Assert.Equal(next, after.CatalogVersion);
        Assert.Equal(Strategies.SessionSeeded, after.Strategy);
        var genre = SyntheticSnapshots.Catalog.GenreNames[3];
        Assert.True(after.Tracks.Count(t => SyntheticSnapshots.GenreOf(t.TrackId) == genre) >= 7);
    }
}
