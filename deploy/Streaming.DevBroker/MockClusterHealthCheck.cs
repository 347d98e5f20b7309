using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Streaming.DevBroker;

/// <summary>Ready once the mock cluster runs; brokers set down on purpose don't make the dev broker unready.</summary>
public sealed class MockClusterHealthCheck(DevBrokerRuntime runtime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(runtime.IsRunning
            ? HealthCheckResult.Healthy($"bootstrap {runtime.BootstrapServers}")
            : HealthCheckResult.Unhealthy("mock cluster not running"));
}
