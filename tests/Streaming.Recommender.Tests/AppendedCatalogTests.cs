using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Streaming.Catalog.Core;
using Streaming.Catalog.Core.Hosting;
using Streaming.Contracts.Catalog;
using Streaming.Recommender.Api;
using Streaming.Recommender.Index;
using Streaming.Recommender.Tests.Support;
using Streaming.TestInfrastructure.Redis;

namespace Streaming.Recommender.Tests;

/// <summary>A catalog version that only appends new releases (no vectors) swaps in on the index in use: no rebuild.</summary>
public sealed class AppendedCatalogTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    [Fact]
    public async Task Index_AppendedVersion_SwappedOnTheSameVectorIndexAndNewTrackKnown()
    {
        // HNSW (the large-catalog path) on this 800-track catalog.
        await using var host = await RecommenderTestHost.StartAsync(redis, new Dictionary<string, string?>
        {
            ["Recommender:ExactThreshold"] = "100",
            ["RateLimiting:Enabled"] = "false",
        });
        var indexes = host.Services.GetRequiredService<TrackIndexHolder>();
        var service = host.Services.GetRequiredService<TrackIndexService>();
        var first = indexes.Current!;
        var builds = service.Builds;
        Assert.Equal("hnsw", first.Kind);
        const string Release = "NewRelease000000000001";
        using var client = host.ServiceClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/v1/tracks/{Release}/similar")).StatusCode);

        const string Next = "20250102T000000000Z";
        var appended = first.Snapshot.Append(Next, DateTimeOffset.UtcNow, [new CatalogTrack(Release, "Release Artist", "First Single", null, null, 0)]);
        CatalogSnapshotWriter.Write(appended, host.SnapshotDirectory);
        await host.Services.GetRequiredService<ICatalogBus>().Publish(new CatalogVersionPublished(
            Next, appended.SpaceId, appended.Dimensions, appended.Count, appended.FileName, DateTimeOffset.UtcNow));
        var swapped = await RecommenderTestHost.EventuallyAsync(() => Task.FromResult(indexes.Current!), i => i.Version == Next, TimeSpan.FromSeconds(60));

        Assert.Same(first.Index, swapped.Index);
        Assert.Equal(RecommenderTestHost.FirstVersion, swapped.ReusedFrom);
        Assert.Equal(builds, service.Builds);
        Assert.Equal(1, service.Reuses);

        // Known now (no vector yet, so no neighbours); the old tracks answer as before, from the new version.
        var similar = await client.GetFromJsonAsync($"/v1/tracks/{Release}/similar", RecommenderJsonContext.Default.SimilarTracksResponse);
        Assert.Equal((Release, Next), (similar!.TrackId, similar.CatalogVersion));
        Assert.Empty(similar.Tracks);
        var old = await client.GetFromJsonAsync($"/v1/tracks/{appended.Tracks[0].Id}/similar", RecommenderJsonContext.Default.SimilarTracksResponse);
        Assert.Equal(Next, old!.CatalogVersion);
        Assert.Equal(10, old.Tracks.Count);
        Assert.DoesNotContain(old.Tracks, t => t.TrackId == Release);
    }

    [Fact]
    public async Task NewRelease_ListenedTo_RecommendableInNextSimilarAndDiscover()
    {
        await using var host = await RecommenderTestHost.StartAsync(redis, new Dictionary<string, string?> { ["RateLimiting:Enabled"] = "false" });
        var indexes = host.Services.GetRequiredService<TrackIndexHolder>();
        const string Release = "NewRelease000000000002";
        const string Next = "20250103T000000000Z";
        var appended = indexes.Current!.Snapshot.Append(Next, DateTimeOffset.UtcNow, [new CatalogTrack(Release, "Release Artist", "Second Single", null, null, 0)]);
        CatalogSnapshotWriter.Write(appended, host.SnapshotDirectory);
        await host.Services.GetRequiredService<ICatalogBus>().Publish(new CatalogVersionPublished(
            Next, appended.SpaceId, appended.Dimensions, appended.Count, appended.FileName, DateTimeOffset.UtcNow));
        await RecommenderTestHost.EventuallyAsync(() => Task.FromResult(indexes.Current!), i => i.Version == Next, TimeSpan.FromSeconds(60));

        // A few listeners play the release (it has no vector) between the same two tracks.
        var genre = SyntheticSnapshots.PopularTracksOfGenre(4);
        var (before, after) = (genre[3], genre[4]);
        var start = new DateTimeOffset(2025, 5, 1, 20, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 4; i++)
        {
            await host.Writer.ApplyAsync(new TestEvents($"early-{i}-{Guid.NewGuid():N}"[..24], start.AddHours(i)).Plays([before, Release, after]).Events);
        }
        using var client = host.ServiceClient();

        // similar: from co-listening alone (no vector).
        var similar = await client.GetFromJsonAsync($"/v1/tracks/{Release}/similar", RecommenderJsonContext.Default.SimilarTracksResponse);
        Assert.Contains(similar!.Tracks, t => t.TrackId == before);
        Assert.Contains(similar.Tracks, t => t.TrackId == after);

        // next: a listener who just played the track the release follows.
        var fan = new TestEvents("fan-" + Guid.NewGuid().ToString("N")[..8], start.AddDays(1)).Plays([genre[10], before]);
        await host.Writer.ApplyAsync(fan.Events);
        var next = await host.NextAsync(fan.UserId, $"?count=10&sessionId={fan.SessionId}&{fan.AtNow}");
        Assert.Contains(next.Tracks, t => t.TrackId == Release);

        // discover: a listener whose favourites are what the release is played with, and who never played it.
        var regular = new TestEvents("regular-" + Guid.NewGuid().ToString("N")[..8], start.AddDays(2)).Plays([before, after, before, after]);
        await host.Writer.ApplyAsync(regular.Events);
        var discover = await client.GetFromJsonAsync($"/v1/users/{regular.UserId}/discover?count=30", RecommenderJsonContext.Default.RecommendationsResponse);
        Assert.Contains(discover!.Tracks, t => t.TrackId == Release);
    }
}
