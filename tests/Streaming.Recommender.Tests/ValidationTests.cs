using System.Net;
using System.Text.Json;
using Streaming.Recommender.Tests.Support;

namespace Streaming.Recommender.Tests;

[Collection(RecommenderCollection.Name)]
public sealed class ValidationTests(SharedRecommender shared)
{
    private static readonly string ValidIds = string.Join(',', SyntheticSnapshots.Catalog.Tracks.Take(101).Select(t => t.Id));

    public static TheoryData<string, string> BadRequests() => new()
    {
        { "/v1/users/u1/next?count=0", "count" },
        { "/v1/users/u1/next?count=101", "count" },
        { "/v1/users/u1/next?count=ten", "count" },
        { "/v1/users/u1/next?count=-3", "count" },
        { "/v1/users/u1/next?count=5&count=6", "count" },
        { "/v1/users/u1/next?exclude=" + ValidIds, "exclude" },
        { "/v1/users/u1/next?exclude=not-a-track-id", "exclude" },
        { "/v1/users/u1/next?sessionId=has%20space", "sessionId" },
        { "/v1/users/bad$user/next", "userId" },
        { "/v1/users/" + new string('u', 129) + "/next", "userId" },
        { "/v1/users/u1/discover?count=1000", "count" },
        { "/v1/users/u1/top?year=24", "year" },
        { "/v1/users/u1/top?year=20x4", "year" },
        { "/v1/users/u1/top?count=0", "count" },
        { "/v1/tracks/not-a-track/similar", "trackId" },
        { "/v1/tracks/" + SyntheticSnapshots.Catalog.Tracks[0].Id + "/similar?count=0", "count" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Get_InvalidParameter_400NamesParameterAndReason(string path, string parameter)
    {
        using var client = shared.Host.ServiceClient();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = body.RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(parameter, out var reasons), body.RootElement.ToString());
        Assert.False(string.IsNullOrWhiteSpace(reasons[0].GetString()));
    }

    [Fact]
    public async Task Get_EmptyOptionalParameters_UseDefaults()
    {
        using var client = shared.Host.ServiceClient();

        var response = await client.GetAsync("/v1/users/u1/next?sessionId=&count=&exclude=");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
