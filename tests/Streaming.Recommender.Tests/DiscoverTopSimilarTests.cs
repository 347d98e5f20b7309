using System.Net;
using System.Net.Http.Json;
using Streaming.Recommender.Api;
using Streaming.Recommender.Recommendations;
using Streaming.Recommender.Tests.Support;

namespace Streaming.Recommender.Tests;

[Collection(RecommenderCollection.Name)]
public sealed class DiscoverTopSimilarTests(SharedRecommender shared)
{
    private RecommenderTestHost Host => shared.Host;

    [Fact]
    public async Task Discover_LongTermTaste_OnlyNeverPlayedTracksOfThatTaste()
    {
        var user = "discover-" + Guid.NewGuid().ToString("N")[..8];
        var played = SyntheticSnapshots.TracksOfGenre(3).Take(25).ToArray();
        var events = new TestEvents(user, new DateTimeOffset(2024, 5, 1, 8, 0, 0, TimeSpan.Zero)).Plays(played);
        events.NewSession(TimeSpan.FromDays(30)).Plays(played.Take(5));
        await Host.Writer.ApplyAsync(events.Events);

        using var client = Host.ServiceClient();
        var answer = (await client.GetFromJsonAsync($"/v1/users/{user}/discover?count=20", RecommenderJsonContext.Default.RecommendationsResponse))!;

        Assert.Equal(Strategies.Personal, answer.Strategy);
        Assert.Equal(20, answer.Tracks.Count);
        Assert.DoesNotContain(answer.Tracks, t => played.Contains(t.TrackId));
        var genre = SyntheticSnapshots.Catalog.GenreNames[3];
        Assert.True(answer.Tracks.Count(t => SyntheticSnapshots.GenreOf(t.TrackId) == genre) >= 14,
            string.Join(", ", answer.Tracks.Select(t => SyntheticSnapshots.GenreOf(t.TrackId))));
    }

    [Fact]
    public async Task Top_PrivatePlays_AbsentFromTheYearInReview()
    {
        var user = "review-" + Guid.NewGuid().ToString("N")[..8];
        var tracks = SyntheticSnapshots.TracksOfGenre(4).Take(6).ToArray();
        var events = new TestEvents(user, new DateTimeOffset(2023, 11, 1, 8, 0, 0, TimeSpan.Zero))
            .Plays(Enumerable.Repeat(tracks[5], 7));                          // 2023
        events.At(new DateTimeOffset(2024, 2, 1, 8, 0, 0, TimeSpan.Zero)).NewSession()
            .Plays(Enumerable.Repeat(tracks[0], 5)).Plays(Enumerable.Repeat(tracks[1], 3)).Play(tracks[2])
            .Plays(Enumerable.Repeat(tracks[3], 10), isPrivate: true);      // private: never in a review
        events.At(new DateTimeOffset(2025, 1, 3, 8, 0, 0, TimeSpan.Zero)).NewSession()
            .Plays(Enumerable.Repeat(tracks[4], 4), isPrivate: true);       // the latest plays are private
        await Host.Writer.ApplyAsync(events.Events);
        using var client = Host.ServiceClient();

        var year2024 = (await client.GetFromJsonAsync($"/v1/users/{user}/top?year=2024", RecommenderJsonContext.Default.TopTracksResponse))!;
        var latest = (await client.GetFromJsonAsync($"/v1/users/{user}/top", RecommenderJsonContext.Default.TopTracksResponse))!;
        var year2023 = (await client.GetFromJsonAsync($"/v1/users/{user}/top?year=2023", RecommenderJsonContext.Default.TopTracksResponse))!;
        var year2025 = (await client.GetFromJsonAsync($"/v1/users/{user}/top?year=2025", RecommenderJsonContext.Default.TopTracksResponse))!;

        Assert.Equal([(tracks[0], 5L), (tracks[1], 3L), (tracks[2], 1L)], year2024.Tracks.Select(t => (t.TrackId, t.Plays)));
        Assert.Equal(2024, latest.Year);
        Assert.Equal(year2024.Tracks, latest.Tracks);
        Assert.Equal([(tracks[5], 7L)], year2023.Tracks.Select(t => (t.TrackId, t.Plays)));
        Assert.Empty(year2025.Tracks);
        Assert.All(year2024.Tracks, t => Assert.NotNull(t.Title));
        Assert.False(year2024.Degraded);
    }

    [Fact]
    public async Task Top_UnknownUser_EmptyNot404()
    {
        using var client = Host.ServiceClient();
        var answer = (await client.GetFromJsonAsync("/v1/users/nobody-here/top", RecommenderJsonContext.Default.TopTracksResponse))!;

        Assert.Null(answer.Year);
        Assert.Empty(answer.Tracks);
    }

    [Fact]
    public async Task Similar_Track_NeighboursOfItsGenreWithoutItself()
    {
        var track = SyntheticSnapshots.TracksOfGenre(6)[13];
        using var client = Host.Client(TestAuth.User("any-listener"));

        var answer = (await client.GetFromJsonAsync($"/v1/tracks/{track}/similar?count=10", RecommenderJsonContext.Default.SimilarTracksResponse))!;

        Assert.Equal(10, answer.Tracks.Count);
        Assert.DoesNotContain(answer.Tracks, t => t.TrackId == track);
        Assert.True(answer.Tracks.Count(t => SyntheticSnapshots.GenreOf(t.TrackId) == SyntheticSnapshots.GenreOf(track)) >= 8);
        Assert.True(answer.Tracks.Zip(answer.Tracks.Skip(1)).All(p => p.First.Score >= p.Second.Score));
    }

    [Fact]
    public async Task Similar_UnknownTrack_404ProblemDetails()
    {
        using var client = Host.ServiceClient();

        var response = await client.GetAsync("/v1/tracks/0000000000000000000000/similar");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
