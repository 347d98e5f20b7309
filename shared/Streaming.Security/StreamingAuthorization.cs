using System.Security.Claims;

namespace Streaming.Security;

/// <summary>Who may act for whom: a user token for its own user id, a service token for anyone.</summary>
public static class StreamingAuthorization
{
    public static bool IsService(this ClaimsPrincipal principal) =>
        principal.HasClaim(StreamingClaims.Role, StreamingClaims.ServiceRole);

    public static bool IsUser(this ClaimsPrincipal principal) =>
        principal.HasClaim(StreamingClaims.Role, StreamingClaims.UserRole);

    /// <summary>The token's <c>sub</c>, or null for an anonymous principal.</summary>
    public static string? SubjectId(this ClaimsPrincipal principal) =>
        principal.FindFirst(StreamingClaims.Subject)?.Value;

    public static bool CanActForUser(this ClaimsPrincipal principal, string? userId)
    {
        if (principal.Identity?.IsAuthenticated != true || string.IsNullOrEmpty(userId))
        {
            return false;
        }
        if (principal.IsService())
        {
            return true;
        }
        return principal.IsUser() && string.Equals(principal.SubjectId(), userId, StringComparison.Ordinal);
    }
}
