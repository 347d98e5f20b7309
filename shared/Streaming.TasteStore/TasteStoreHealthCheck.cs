using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Streaming.TasteStore;

/// <summary>Ready when Redis answers a PING.</summary>
public sealed class TasteStoreHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public const string Name = "taste-store";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var latency = await redis.GetDatabase().PingAsync().WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
            return HealthCheckResult.Healthy($"ping {latency.TotalMilliseconds:F1} ms");
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("Redis does not answer", ex);
        }
    }
}
