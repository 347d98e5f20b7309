using System.ComponentModel.DataAnnotations;
using System.Text;

namespace Streaming.Security;

/// <summary>
/// Section <c>Auth</c>: how bearer tokens are signed and checked (HMAC-SHA256, one symmetric key shared by
/// the services that validate and the tools that mint). The key is configuration, never code: Development
/// may use <see cref="DevelopmentSigningKey"/> from appsettings.Development.json; every other environment
/// refuses it.
/// </summary>
public sealed class AuthOptions : IValidatableObject
{
    public const string Section = "Auth";
    public const int MinimumKeyBytes = 32;

    /// <summary>The obviously-not-secret key of local runs (appsettings.Development.json, the dev token command).</summary>
    public const string DevelopmentSigningKey = "dev-only-signing-key-not-for-production-0123456789";

    /// <summary>At least 32 bytes: base64 of the key bytes, or plain text used as UTF-8 (see <see cref="GetSigningKeyBytes"/>).</summary>
    [Required(ErrorMessage = "Auth:SigningKey is required (at least 32 bytes; base64 or plain text)")]
    public string SigningKey { get; set; } = "";

    [Required]
    public string Issuer { get; set; } = "streaming";

    [Required]
    public string Audience { get; set; } = "streaming-clients";

    /// <summary>Tolerated clock difference between minter and validator when checking exp/nbf.</summary>
    [Range(0, 600)]
    public int ClockSkewSeconds { get; set; } = 30;

    /// <summary>
    /// The key bytes: the base64 decoding when <see cref="SigningKey"/> is valid base64 of at least 32 bytes,
    /// else its UTF-8 bytes. Minters and validators both call this, so they always agree.
    /// </summary>
    public byte[] GetSigningKeyBytes() => DecodeKey(SigningKey);

    public static byte[] DecodeKey(string key)
    {
        var buffer = new byte[key.Length];
        if (Convert.TryFromBase64String(key, buffer, out var written) && written >= MinimumKeyBytes)
        {
            return buffer[..written];
        }
        return Encoding.UTF8.GetBytes(key);
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrEmpty(SigningKey) && DecodeKey(SigningKey).Length < MinimumKeyBytes)
        {
            yield return new ValidationResult(
                $"Auth:SigningKey must be at least {MinimumKeyBytes} bytes (HMAC-SHA256).", [nameof(SigningKey)]);
        }
    }
}
