using System.ComponentModel.DataAnnotations;

namespace Streaming.Security;

/// <summary>
/// Section <c>LoadShedding</c>: how many requests of the endpoints marked <c>ShedWhenOverloaded()</c> a process serves
/// at once. Beyond that it answers 503 with <c>Retry-After</c> at once instead of queueing, so the requests it does
/// admit keep their latency. The per-client rate limit (<see cref="ClientRateLimitOptions"/>) is another limit: it is
/// what one client may ask, this is what the process can do for all of them.
/// </summary>
public sealed class LoadSheddingOptions
{
    public const string Section = "LoadShedding";

    /// <summary>Off only for benchmarks that measure the service without it.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Requests served at once; 0 = <see cref="PermitsPerCore"/> x the cores the process may use.</summary>
    [Range(0, 1_000_000)]
    public int MaxConcurrentRequests { get; set; }

    /// <summary>Used when <see cref="MaxConcurrentRequests"/> is 0 (<c>Environment.ProcessorCount</c> follows the container's CPU limit).</summary>
    [Range(1, 10_000)]
    public int PermitsPerCore { get; set; } = 3;

    /// <summary>Requests that may wait for a permit (oldest first) before the rest are shed; 0 = none wait.</summary>
    [Range(0, 1_000_000)]
    public int QueueLimit { get; set; }

    [Range(1, 3_600)]
    public int RetryAfterSeconds { get; set; } = 1;

    public int EffectiveMaxConcurrentRequests => MaxConcurrentRequests > 0 ? MaxConcurrentRequests : PermitsPerCore * Environment.ProcessorCount;
}
