using System.Net;
using Streaming.Recommender.Tests.Support;
using Streaming.Security;

namespace Streaming.Recommender.Tests;

[Collection(RecommenderCollection.Name)]
public sealed class AuthTests(SharedRecommender shared)
{
    private RecommenderTestHost Host => shared.Host;

    [Theory]
    [InlineData("/v1/users/alice/next")]
    [InlineData("/v1/users/alice/discover")]
    [InlineData("/v1/users/alice/top")]
    [InlineData("/v1/tracks/0000000000000000000000/similar")]
    public async Task Get_NoToken_401(string path)
    {
        using var client = Host.Client();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Get_TokenSignedWithAnotherKey_401()
    {
        var foreign = new TokenMinter(new AuthOptions { SigningKey = Convert.ToBase64String(new byte[32]) });
        using var client = Host.Client(TestAuth.Bearer(foreign.CreateUserToken("alice")));

        var response = await client.GetAsync("/v1/users/alice/next");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Get_ExpiredToken_401()
    {
        var expired = TestAuth.Minter.CreateToken("alice", StreamingClaims.UserRole,
            DateTimeOffset.UtcNow.AddHours(-2), DateTimeOffset.UtcNow.AddHours(-1));
        using var client = Host.Client(TestAuth.Bearer(expired));

        var response = await client.GetAsync("/v1/users/alice/next");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("next")]
    [InlineData("discover")]
    [InlineData("top")]
    public async Task Get_UserTokenOfAnotherUser_403(string endpoint)
    {
        using var client = Host.Client(TestAuth.User("mallory"));

        var response = await client.GetAsync($"/v1/users/alice/{endpoint}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("next")]
    [InlineData("discover")]
    [InlineData("top")]
    public async Task Get_UserTokenOfThatUser_200(string endpoint)
    {
        using var client = Host.Client(TestAuth.User("alice"));

        var response = await client.GetAsync($"/v1/users/alice/{endpoint}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Get_ServiceToken_AnyUser200()
    {
        using var client = Host.ServiceClient();

        var response = await client.GetAsync("/v1/users/bob/next");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
