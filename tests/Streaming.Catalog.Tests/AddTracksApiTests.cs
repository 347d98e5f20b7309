using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Streaming.Catalog.Additions;
using Streaming.Catalog.Core;
using Streaming.Catalog.Core.Hosting;
using Streaming.TestInfrastructure.Redis;

namespace Streaming.Catalog.Tests;

/// <summary>
/// <c>POST /v1/catalog/tracks</c> against the real service on a redis-server of each test's own (the catalog's keys
/// have no prefix) and a snapshot directory of its own; announcements on the in-memory bus.
/// </summary>
public sealed class AddTracksApiTests : IAsyncLifetime
{
    private const string First = "20250101T000000000Z";

    private readonly string _dir = TestSnapshots.TempDirectory();
    private RedisServerFixture _redis = null!;

    private CatalogSnapshotStore Store => new(_dir);

    public async Task InitializeAsync()
    {
        Store.Save(TestSnapshots.Create(First));
        _redis = await RedisServerFixture.StartPrivateAsync();
    }

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    [Fact]
    public async Task AddTracks_NewTracks_NewVersionCurrentWithTheTracksResolvable()
    {
        await using var catalog = await CatalogServiceHost.StartAsync(_dir, _redis.ConnectionString);
        using var client = catalog.ServiceClient();

        var added = await AddAsync(client, NewTracks(0, 2));

        Assert.True(added.Created);
        Assert.Equal(First, added.BaseVersion);
        Assert.NotEqual(First, added.Version);
        Assert.Equal((2, 0, 0), (added.Added, added.Aliased, added.AlreadyPresent));
        Assert.All(added.Tracks, t => Assert.Equal(TrackAdditionStatus.Added, t.Status));
        Assert.Equal(added.Version, (string?)await _redis.Database.StringGetAsync(CatalogRedisKeys.Current));
        Assert.True(Store.Exists(added.Version));

        // Served here at once (swapped before the answer), reads stay anonymous.
        using var anonymous = catalog.Client();
        var track = await anonymous.GetFromJsonAsync<TrackResponse>($"/v1/tracks/{NewTracks(0, 1)[0].Id}");
        Assert.Equal(added.Version, track!.CatalogVersion);
        Assert.False(track.HasVector);
        Assert.Equal(0, track.Popularity);
        Assert.Equal("Release Artist 0", track.Artist);
        var version = await anonymous.GetFromJsonAsync<CatalogVersionResponse>("/v1/catalog/version");
        Assert.Equal(5, version!.TrackCount);
        Assert.Equal(First, version.Properties[CatalogSnapshotProperties.AppendedFrom]);
        Assert.Equal("2", version.Properties[CatalogSnapshotProperties.AppendedTracks]);
        Assert.Equal("test", version.Properties["method"]);
    }

    [Fact]
    public async Task AddTracks_SameBatchAgain_AlreadyPresentAndNoNewVersion()
    {
        await using var catalog = await CatalogServiceHost.StartAsync(_dir, _redis.ConnectionString);
        using var client = catalog.ServiceClient();
        var batch = NewTracks(0, 3).Cast<object>().Append(new { id = TestSnapshots.Ids[2], artist = "Morgan Page", title = "Carry Me" }).ToArray();

        var first = await AddAsync(client, batch);
        var again = await AddAsync(client, batch);

        Assert.Equal((3, 0, 1), (first.Added, first.Aliased, first.AlreadyPresent));
        Assert.Equal(TestSnapshots.Ids[1], first.Tracks[3].CanonicalId);
        Assert.False(again.Created);
        Assert.Equal(first.Version, again.Version);
        Assert.Equal(first.Version, again.BaseVersion);
        Assert.Equal((0, 0, 4), (again.Added, again.Aliased, again.AlreadyPresent));
        Assert.Equal(first.Tracks.Select(t => t.CanonicalId), again.Tracks.Select(t => t.CanonicalId));
        Assert.Equal([First, first.Version], Store.ListVersions());
        Assert.Equal(6, catalog.Holder.Required.Count);
    }

    [Fact]
    public async Task AddTracks_OneInvalidTrack_400NamingFieldAndReasonAndNothingAdded()
    {
        await using var catalog = await CatalogServiceHost.StartAsync(_dir, _redis.ConnectionString);
        using var client = catalog.ServiceClient();
        var valid = NewTracks(0, 1)[0];

        var response = await client.PostAsync("/v1/catalog/tracks", JsonContent.Create(new
        {
            tracks = new object[] { valid, new { id = "spotify:track:1", artist = "a", title = "t" }, new { id = "2qSkIjg1o9h3YT9RAgYN76", artist = "a" } },
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.EndsWith("/invalid-tracks", problem.RootElement.GetProperty("type").GetString());
        var rejected = problem.RootElement.GetProperty("rejected").EnumerateArray()
            .Select(r => (r.GetProperty("index").GetInt32(), r.GetProperty("field").GetString(), r.GetProperty("reason").GetString()))
            .ToArray();
        Assert.Equal([(1, "id", TrackRejectionReasons.InvalidTrackId), (2, "title", TrackRejectionReasons.Required)], rejected);
        Assert.Equal([First], Store.ListVersions());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/v1/tracks/{valid.Id}")).StatusCode);
    }

    [Fact]
    public async Task AddTracks_BrokenJsonOrNotJson_400WithPositionOr415()
    {
        await using var catalog = await CatalogServiceHost.StartAsync(_dir, _redis.ConnectionString);
        using var client = catalog.ServiceClient();

        var broken = await client.PostAsync("/v1/catalog/tracks", new StringContent("{\"tracks\": [", Encoding.UTF8, "application/json"));
        var text = await client.PostAsync("/v1/catalog/tracks", new StringContent("id,artist,title", Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        using var problem = JsonDocument.Parse(await broken.Content.ReadAsStringAsync());
        Assert.EndsWith("/malformed-body", problem.RootElement.GetProperty("type").GetString());
        Assert.True(problem.RootElement.TryGetProperty("bytePositionInLine", out _));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
        Assert.Equal([First], Store.ListVersions());
    }

    [Fact]
    public async Task AddTracks_ConcurrentRequests_EveryTrackLandsOneVersionEach()
    {
        await using var catalog = await CatalogServiceHost.StartAsync(_dir, _redis.ConnectionString);
        using var client = catalog.ServiceClient();
        const int Requests = 8, PerRequest = 3;

        var answers = await Task.WhenAll(Enumerable.Range(0, Requests).Select(r => AddAsync(client, NewTracks(r * PerRequest, PerRequest))));

        await AssertAllLandedAsync(answers, Requests * PerRequest);
    }

    [Fact]
    public async Task AddTracks_TwoReplicasConcurrently_EveryTrackLands()
    {
        // Two catalog replicas on one directory and one Redis, no broker between them: only the write lock and the
        // compare-and-set on catalog:current keep them from deriving from the same version.
        await using var a = await CatalogServiceHost.StartAsync(_dir, _redis.ConnectionString);
        await using var b = await CatalogServiceHost.StartAsync(_dir, _redis.ConnectionString);
        using var clientA = a.ServiceClient();
        using var clientB = b.ServiceClient();
        const int Requests = 8, PerRequest = 2;

        var answers = await Task.WhenAll(Enumerable.Range(0, Requests)
            .Select(r => AddAsync(r % 2 == 0 ? clientA : clientB, NewTracks(r * PerRequest, PerRequest))));

        await AssertAllLandedAsync(answers, Requests * PerRequest);
    }

    [Fact]
    public async Task Rollback_OfAnAppendedVersion_GoesToItsBaseEvenAfterAnEarlierRollback()
    {
        await using var catalog = await CatalogServiceHost.StartAsync(_dir, _redis.ConnectionString);
        using var client = catalog.ServiceClient();
        var second = await AddAsync(client, NewTracks(0, 1));

        var back = await RollbackAsync(client);
        Assert.Equal((second.Version, First), (back.RolledBackFrom, back.Version));
        Assert.Equal(First, catalog.Holder.Required.Version);

        // Appended to First after the rollback, it sorts after `second`; rolling it back still returns to First.
        var third = await AddAsync(client, NewTracks(1, 1));
        Assert.Equal(First, third.BaseVersion);
        Assert.True(string.CompareOrdinal(third.Version, second.Version) > 0);
        var backAgain = await RollbackAsync(client);

        Assert.Equal((third.Version, First), (backAgain.RolledBackFrom, backAgain.Version));
        Assert.Equal(First, (string?)await _redis.Database.StringGetAsync(CatalogRedisKeys.Current));
        Assert.Equal(-1, catalog.Holder.Required.IndexOf(NewTracks(1, 1)[0].Id));
    }

    private async Task AssertAllLandedAsync(AddTracksResponse[] answers, int tracks)
    {
        Assert.All(answers, a => Assert.True(a.Created));
        Assert.Equal(answers.Length, answers.Select(a => a.Version).Distinct().Count());
        // One version at a time: every version extends the one before it, starting from First.
        var bases = answers.Select(a => a.BaseVersion).Order(StringComparer.Ordinal).ToArray();
        var versions = answers.Select(a => a.Version).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal([First, .. versions[..^1]], bases);

        var current = (string?)await _redis.Database.StringGetAsync(CatalogRedisKeys.Current);
        Assert.Equal(versions[^1], current);
        var snapshot = Store.Load(current!);
        Assert.Equal(3 + tracks, snapshot.Count);
        Assert.All(NewTracks(0, tracks), t => Assert.True(snapshot.IndexOf(t.Id) >= 3, t.Id));
        Assert.Equal([First, .. versions], Store.ListVersions());
    }

    private static async Task<AddTracksResponse> AddAsync(HttpClient client, object[] tracks)
    {
        var response = await client.PostAsync("/v1/catalog/tracks", JsonContent.Create(new { tracks }));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<AddTracksResponse>())!;
    }

    private static async Task<RollbackResponse> RollbackAsync(HttpClient client)
    {
        var response = await client.PostAsync("/v1/catalog/rollback", null);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<RollbackResponse>())!;
    }

    /// <summary>New releases with unique Spotify-shaped ids and names.</summary>
    internal static NewRelease[] NewTracks(int first, int count) =>
        Enumerable.Range(first, count).Select(i => new NewRelease($"NewRelease{i:D12}", $"Release Artist {i}", $"First Single {i}", "Debut", "indie")).ToArray();

    internal sealed record NewRelease(string Id, string Artist, string Title, string? Album, string? Genre);
}
