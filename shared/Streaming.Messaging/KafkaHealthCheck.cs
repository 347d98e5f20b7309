using Confluent.Kafka;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Streaming.Messaging;

/// <summary>
/// Kafka is reachable when a metadata request answers in time. Results are cached briefly so probes from
/// many kubelets do not turn into metadata storms.
/// </summary>
public sealed class KafkaHealthCheck(IAdminClient admin) : IHealthCheck
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);
    private readonly Lock _gate = new();
    private (long AtMs, HealthCheckResult Result)? _last;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_last is { } last && Environment.TickCount64 - last.AtMs < CacheFor.TotalMilliseconds)
            {
                return Task.FromResult(last.Result);
            }
        }
        return Task.Run(() =>
        {
            HealthCheckResult result;
            try
            {
                var metadata = admin.GetMetadata(Timeout);
                result = metadata.Brokers.Count > 0
                    ? HealthCheckResult.Healthy($"{metadata.Brokers.Count} broker(s)")
                    : HealthCheckResult.Unhealthy("no brokers in metadata");
            }
            catch (KafkaException ex)
            {
                result = HealthCheckResult.Unhealthy("Kafka metadata request failed", ex);
            }
            lock (_gate)
            {
                _last = (Environment.TickCount64, result); // monotonic: a wall-clock jump neither extends nor voids the cache
            }
            return result;
        }, cancellationToken);
    }
}
