namespace Streaming.Security;

/// <summary>The claims every Streaming token carries: <c>sub</c> (user id or service name) and <c>role</c>.</summary>
public static class StreamingClaims
{
    public const string Subject = "sub";
    public const string Role = "role";

    /// <summary>A listener's token: may act for its own user id only.</summary>
    public const string UserRole = "user";

    /// <summary>A backend token (imports, the replay): may act for any user and post historical events.</summary>
    public const string ServiceRole = "service";
}
