using System.Net;
using System.Net.Http.Json;
using Streaming.Catalog.Additions;
using Streaming.Catalog.Core.Hosting;
using Streaming.TestInfrastructure.RabbitMq;
using Streaming.TestInfrastructure.Redis;

namespace Streaming.Catalog.Tests;

/// <summary>Against a real RabbitMQ node and redis-server: an addition is announced, and a replica (as a worker or recommender runs it) swaps to it.</summary>
public sealed class AddTracksRabbitMqTests(RabbitMqServerFixture rabbit) : IClassFixture<RabbitMqServerFixture>
{
    [Fact]
    public async Task AddTracks_ServiceOnRabbitMq_ReplicaSwapsAndResolvesTheNewTrack()
    {
        var dir = TestSnapshots.TempDirectory();
        new CatalogSnapshotStore(dir).Save(TestSnapshots.Create("20250101T000000000Z"));
        await using var redis = await RedisServerFixture.StartPrivateAsync();
        await using var catalog = await CatalogServiceHost.StartAsync(dir, redis.ConnectionString, rabbit.ConnectionString);
        // Without Redis the replica stops polling once loaded: only the announcement can move it on.
        await using var replica = await Replica.StartAsync(dir, rabbit.ConnectionString);
        await replica.WaitForVersionAsync("20250101T000000000Z");
        var release = AddTracksApiTests.NewTracks(0, 1)[0];
        using var client = catalog.ServiceClient();

        var response = await client.PostAsync("/v1/catalog/tracks", JsonContent.Create(new { tracks = new[] { release } }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var added = (await response.Content.ReadFromJsonAsync<AddTracksResponse>())!;
        await replica.WaitForVersionAsync(added.Version);
        var snapshot = replica.Holder.Required;
        var row = snapshot.IndexOf(release.Id);
        Assert.Equal(3, row);
        Assert.False(snapshot.HasVector(row));
        Assert.Equal(release.Title, snapshot.Tracks[row].Title);
        // What the taste worker does with an event of the new track: its row is found, it has no vector to fold in.
        Assert.True(snapshot.VectorOf(row).IndexOfAnyExcept(0f) < 0);
        Assert.Equal(TestSnapshots.Create("x").Vectors.ToArray(), snapshot.Vectors[..(3 * snapshot.Dimensions)].ToArray());
    }
}
