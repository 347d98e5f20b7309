using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Streaming.Security;

namespace Streaming.Gateway.Tests.Unit;

public sealed class SecurityTests
{
    private static readonly AuthOptions Options = new() { SigningKey = Convert.ToBase64String(new byte[32]) };

    private static List<ValidationResult> Validate(AuthOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }

    private static async Task<ClaimsPrincipal?> ValidateAsync(string token, AuthOptions? options = null)
    {
        var result = await new JsonWebTokenHandler { MapInboundClaims = false }
            .ValidateTokenAsync(token, StreamingAuthenticationExtensions.CreateValidationParameters(options ?? Options));
        return result.IsValid ? new ClaimsPrincipal(result.ClaimsIdentity) : null;
    }

    [Fact]
    public void AuthOptions_Defaults_IssuerAndAudienceOfTheConventions()
    {
        var options = new AuthOptions();
        Assert.Equal("streaming", options.Issuer);
        Assert.Equal("streaming-clients", options.Audience);
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("short-plain-key", false)]
    [InlineData("0123456789abcdef0123456789abcde", false)] // 31 bytes
    [InlineData("0123456789abcdef0123456789abcdef!", true)]
    [InlineData(AuthOptions.DevelopmentSigningKey, true)]
    public void AuthOptions_SigningKey_AtLeast32Bytes(string key, bool valid) =>
        Assert.Equal(valid, Validate(new AuthOptions { SigningKey = key }).Count == 0);

    [Fact]
    public void DecodeKey_Base64Of32Bytes_DecodedElsePlainUtf8()
    {
        var bytes = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        Assert.Equal(bytes, AuthOptions.DecodeKey(Convert.ToBase64String(bytes)));
        // Valid base64 of fewer than 32 bytes is read as plain text (and then long enough only if >= 32 chars).
        Assert.Equal(Encoding.UTF8.GetBytes("c2hvcnQ="), AuthOptions.DecodeKey("c2hvcnQ="));
        Assert.Equal(Encoding.UTF8.GetBytes(AuthOptions.DevelopmentSigningKey), AuthOptions.DecodeKey(AuthOptions.DevelopmentSigningKey));
    }

    [Fact]
    public async Task TokenMinter_UserToken_ValidatesWithSubAndUserRole()
    {
        var principal = await ValidateAsync(new TokenMinter(Options).CreateUserToken("alice"));
        Assert.NotNull(principal);
        Assert.Equal("alice", principal.SubjectId());
        Assert.True(principal.IsUser());
        Assert.False(principal.IsService());
        Assert.True(principal.CanActForUser("alice"));
        Assert.False(principal.CanActForUser("bob"));
    }

    [Fact]
    public async Task TokenMinter_ServiceToken_ActsForAnyUser()
    {
        var principal = await ValidateAsync(new TokenMinter(Options).CreateServiceToken("replay"));
        Assert.NotNull(principal);
        Assert.True(principal.IsService());
        Assert.True(principal.CanActForUser("alice"));
        Assert.True(principal.CanActForUser("bob"));
        Assert.False(principal.CanActForUser(""));
    }

    [Fact]
    public async Task ValidationParameters_ExpiredOrForeignKeyOrWrongAudience_Invalid()
    {
        var minter = new TokenMinter(Options);
        var now = DateTimeOffset.UtcNow;
        Assert.Null(await ValidateAsync(minter.CreateToken("alice", StreamingClaims.UserRole, now.AddHours(-2), now.AddHours(-1))));

        var otherKey = new AuthOptions { SigningKey = Convert.ToBase64String(Enumerable.Repeat((byte)7, 32).ToArray()) };
        Assert.Null(await ValidateAsync(new TokenMinter(otherKey).CreateUserToken("alice")));

        var otherAudience = new AuthOptions { SigningKey = Options.SigningKey, Audience = "someone-else" };
        Assert.Null(await ValidateAsync(new TokenMinter(otherAudience).CreateUserToken("alice")));
    }

    [Fact]
    public void TokenMinter_InvalidOptions_Throws() =>
        Assert.Throws<ArgumentException>(() => new TokenMinter(new AuthOptions { SigningKey = "too-short" }));

    [Fact]
    public void CanActForUser_Anonymous_False() =>
        Assert.False(new ClaimsPrincipal(new ClaimsIdentity()).CanActForUser("alice"));

    [Fact]
    public void PartitionKey_ByRoleAndSubject_AnonymousByAddress()
    {
        static HttpContext Context(params Claim[] claims) => new DefaultHttpContext
        {
            User = new ClaimsPrincipal(claims.Length == 0 ? new ClaimsIdentity() : new ClaimsIdentity(claims, "test")),
        };
        Assert.Equal("user:alice", StreamingRateLimitingExtensions.PartitionKey(
            Context(new Claim("sub", "alice"), new Claim("role", "user"))));
        Assert.Equal("service:alice", StreamingRateLimitingExtensions.PartitionKey(
            Context(new Claim("sub", "alice"), new Claim("role", "service"))));
        var anonymous = Context();
        anonymous.Connection.RemoteIpAddress = System.Net.IPAddress.Loopback;
        Assert.Equal("anon:127.0.0.1", StreamingRateLimitingExtensions.PartitionKey(anonymous));
    }
}
