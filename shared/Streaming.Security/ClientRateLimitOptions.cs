using System.ComponentModel.DataAnnotations;

namespace Streaming.Security;

/// <summary>
/// Section <c>RateLimiting</c>: token buckets per client (<c>role:sub</c> of the bearer token; anonymous
/// callers per remote address with the user limits). One request takes one token, whatever its size.
/// </summary>
public sealed class ClientRateLimitOptions
{
    public const string Section = "RateLimiting";

    /// <summary>Off only for benchmarks and load tests.</summary>
    public bool Enabled { get; set; } = true;

    [Range(1, 1_000_000)]
    public int UserRequestsPerSecond { get; set; } = 10;

    /// <summary>Bucket size: requests a user may make at once after being idle.</summary>
    [Range(1, 1_000_000)]
    public int UserBurst { get; set; } = 20;

    [Range(1, 1_000_000)]
    public int ServiceRequestsPerSecond { get; set; } = 500;

    [Range(1, 1_000_000)]
    public int ServiceBurst { get; set; } = 1_000;
}
