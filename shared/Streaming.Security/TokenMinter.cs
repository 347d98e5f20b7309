using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Streaming.Security;

/// <summary>
/// Creates signed bearer tokens from <see cref="AuthOptions"/>: for tests, the replay and the dev token
/// command. Production user tokens come from the identity provider, signed with the same key.
/// </summary>
public sealed class TokenMinter
{
    public static readonly TimeSpan DefaultUserLifetime = TimeSpan.FromHours(1);
    public static readonly TimeSpan DefaultServiceLifetime = TimeSpan.FromHours(12);

    private readonly AuthOptions _options;
    private readonly SigningCredentials _credentials;
    private readonly TimeProvider _time;
    private readonly JsonWebTokenHandler _handler = new();

    public TokenMinter(AuthOptions options, TimeProvider? time = null)
    {
        var errors = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        if (!System.ComponentModel.DataAnnotations.Validator.TryValidateObject(
                options, new System.ComponentModel.DataAnnotations.ValidationContext(options), errors, validateAllProperties: true))
        {
            throw new ArgumentException(string.Join("; ", errors.Select(e => e.ErrorMessage)), nameof(options));
        }
        _options = options;
        _credentials = new SigningCredentials(new SymmetricSecurityKey(options.GetSigningKeyBytes()), SecurityAlgorithms.HmacSha256);
        _time = time ?? TimeProvider.System;
    }

    public TokenMinter(IOptions<AuthOptions> options, TimeProvider? time = null) : this(options.Value, time)
    {
    }

    /// <summary>A listener's token: may post events and request erasure for <paramref name="userId"/> only.</summary>
    public string CreateUserToken(string userId, TimeSpan? lifetime = null) =>
        CreateToken(userId, StreamingClaims.UserRole, lifetime ?? DefaultUserLifetime);

    /// <summary>A backend token (imports, the replay): acts for any user, may post historical events.</summary>
    public string CreateServiceToken(string serviceName, TimeSpan? lifetime = null) =>
        CreateToken(serviceName, StreamingClaims.ServiceRole, lifetime ?? DefaultServiceLifetime);

    public string CreateToken(string subject, string role, TimeSpan lifetime)
    {
        var now = _time.GetUtcNow();
        return CreateToken(subject, role, now, now + lifetime);
    }

    /// <summary>Explicit validity window (tests mint expired or not-yet-valid tokens with it).</summary>
    public string CreateToken(string subject, string role, DateTimeOffset notBefore, DateTimeOffset expires)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        ArgumentException.ThrowIfNullOrEmpty(role);
        if (expires <= notBefore)
        {
            throw new ArgumentException("expires must be after notBefore", nameof(expires));
        }
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = _options.Issuer,
            Audience = _options.Audience,
            Subject = new ClaimsIdentity([new Claim(StreamingClaims.Subject, subject), new Claim(StreamingClaims.Role, role)]),
            IssuedAt = notBefore.UtcDateTime,
            NotBefore = notBefore.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = _credentials,
        });
    }
}
