using System.Net.Http.Headers;
using System.Security.Cryptography;
using Streaming.Security;

namespace Streaming.Catalog.Tests;

/// <summary>A random signing key for this test run (never the development key) and tokens signed with it.</summary>
internal static class TestAuth
{
    public static readonly AuthOptions Options = new() { SigningKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) };

    public static readonly TokenMinter Minter = new(Options);

    public static AuthenticationHeaderValue User(string userId = "alice") => Bearer(Minter.CreateUserToken(userId));

    public static AuthenticationHeaderValue Service(string name = "releases-import") => Bearer(Minter.CreateServiceToken(name));

    public static AuthenticationHeaderValue Bearer(string token) => new("Bearer", token);
}
