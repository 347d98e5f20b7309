using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Streaming.Catalog.Core;
using Streaming.Catalog.Core.Hosting;

namespace Streaming.Catalog.Tests;

public sealed class CatalogApiTests : IAsyncLifetime
{
    private readonly string _dir = TestSnapshots.TempDirectory();
    private WebApplicationFactory<Program> _factory = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        var store = new CatalogSnapshotStore(_dir);
        store.Save(TestSnapshots.Create("20250101T000000000Z", "space-a"));
        store.Save(TestSnapshots.Create("20250102T000000000Z", "space-a"));
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("Catalog:SnapshotDirectory", _dir);
            b.UseSetting("ConnectionStrings:rabbitmq", "");
            b.UseSetting("ConnectionStrings:redis", "");
            b.UseSetting("Auth:SigningKey", TestAuth.Options.SigningKey);
            // Publish and rollback tests need the in-memory bus's endpoint bound before they announce anything.
            b.ConfigureServices(services => services.Configure<MassTransit.MassTransitHostOptions>(o => o.WaitUntilStarted = true));
        });
        _client = _factory.CreateClient();
        _client.DefaultRequestHeaders.Authorization = TestAuth.Service();
        await WaitForVersionAsync("20250102T000000000Z");
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task GetTrack_ByIdAndAlias_ReturnsTrack()
    {
        var track = await _client.GetFromJsonAsync<TrackResponse>($"/v1/tracks/{TestSnapshots.Ids[0]}");
        Assert.Equal("Tegan and Sara", track!.Artist);
        Assert.True(track.HasVector);
        Assert.Equal("20250102T000000000Z", track.CatalogVersion);

        var alias = await _client.GetFromJsonAsync<TrackResponse>($"/v1/tracks/{TestSnapshots.Ids[2]}");
        Assert.Equal(TestSnapshots.Ids[1], alias!.Id);
    }

    [Fact]
    public async Task GetTrack_InvalidOrUnknownId_400Or404()
    {
        Assert.Equal(HttpStatusCode.BadRequest, (await _client.GetAsync("/v1/tracks/not-a-track")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/v1/tracks/AAAAAAAAAAAAAAAAAAAAAA")).StatusCode);
    }

    [Fact]
    public async Task FindTrack_ByNormalisedNames_ReturnsTrack()
    {
        var track = await _client.GetFromJsonAsync<TrackResponse>("/v1/tracks?artist=BEYONCE&title=Halo%20(Live)");
        Assert.Equal(TrackIdentity.FromNames("Beyoncé", "Halo"), track!.Id);
        Assert.False(track.HasVector);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/v1/tracks?artist=nobody&title=nothing")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _client.GetAsync("/v1/tracks?artist=x")).StatusCode);
    }

    [Fact]
    public async Task Rollback_GoesToPreviousVersion_ThenConflictsAtTheFirst()
    {
        var response = await _client.PostAsync("/v1/catalog/rollback", null);
        response.EnsureSuccessStatusCode();
        var rollback = await response.Content.ReadFromJsonAsync<RollbackResponse>();
        Assert.Equal("20250102T000000000Z", rollback!.RolledBackFrom);
        Assert.Equal("20250101T000000000Z", rollback.Version);
        await WaitForVersionAsync("20250101T000000000Z");

        Assert.Equal(HttpStatusCode.Conflict, (await _client.PostAsync("/v1/catalog/rollback", null)).StatusCode);
    }

    [Fact]
    public async Task Publish_UnderConcurrentLookups_NoRequestFails()
    {
        // Hot swap under load: lookups keep succeeding while versions are published back and forth.
        using var stop = new CancellationTokenSource();
        var statuses = new System.Collections.Concurrent.ConcurrentBag<HttpStatusCode>();
        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var r = await _client.GetAsync($"/v1/tracks/{TestSnapshots.Ids[1]}");
                statuses.Add(r.StatusCode);
            }
        })).ToArray();
        foreach (var version in Enumerable.Repeat(new[] { "20250101T000000000Z", "20250102T000000000Z" }, 5).SelectMany(v => v))
        {
            (await _client.PostAsync($"/v1/catalog/publish?version={version}", null)).EnsureSuccessStatusCode();
            await WaitForVersionAsync(version);
        }
        await stop.CancelAsync();
        await Task.WhenAll(readers);

        Assert.NotEmpty(statuses);
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
    }

    [Theory]
    [InlineData("/v1/catalog/rollback")]
    [InlineData("/v1/catalog/publish?version=20250101T000000000Z")]
    [InlineData("/v1/catalog/tracks")]
    public async Task Write_NoToken_401AndNothingPublished(string path)
    {
        using var anonymous = _factory.CreateClient();

        var response = await anonymous.PostAsync(path, JsonContent.Create(new { tracks = Array.Empty<object>() }));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("20250102T000000000Z", Holder.Current?.Version);
    }

    [Theory]
    [InlineData("/v1/catalog/rollback")]
    [InlineData("/v1/catalog/publish?version=20250101T000000000Z")]
    [InlineData("/v1/catalog/tracks")]
    public async Task Write_UserToken_403AndNothingPublished(string path)
    {
        using var user = _factory.CreateClient();
        user.DefaultRequestHeaders.Authorization = TestAuth.User();

        var response = await user.PostAsync(path, JsonContent.Create(new { tracks = Array.Empty<object>() }));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("20250102T000000000Z", Holder.Current?.Version);
    }

    [Fact]
    public async Task Read_NoToken_StillAnonymous()
    {
        using var anonymous = _factory.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/v1/tracks/{TestSnapshots.Ids[0]}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/v1/catalog/version")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/v1/tracks?artist=Morgan%20Page&title=Carry%20Me")).StatusCode);
    }

    [Fact]
    public async Task Health_Ready_OnceLoaded()
    {
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/health/ready")).StatusCode);
        var version = await _client.GetFromJsonAsync<CatalogVersionResponse>("/v1/catalog/version");
        Assert.Equal(3, version!.TrackCount);
        Assert.Equal("space-a", version.SpaceId);
    }

    private CatalogSnapshotHolder Holder => _factory.Services.GetRequiredService<CatalogSnapshotHolder>();

    private async Task WaitForVersionAsync(string version)
    {
        var holder = Holder;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (holder.Current?.Version != version)
        {
            await Task.Delay(20, cts.Token);
        }
    }
}
