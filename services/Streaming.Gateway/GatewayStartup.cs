using Confluent.Kafka;
using Microsoft.Extensions.Options;
using Streaming.Gateway.Telemetry;

namespace Streaming.Gateway;

/// <summary>
/// Builds the producer at start (so the first post does not pay for it) and, at stop, flushes what is still
/// queued: requests in flight have already waited for their acknowledgements; this is a safety net.
/// </summary>
internal sealed class GatewayStartup(
    IProducer<string, byte[]> producer,
    IOptions<GatewayOptions> options,
    ILogger<GatewayStartup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        GatewayLog.Started(logger, options.Value.Topic, options.Value.EnableBenchmarkEndpoints);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        producer.Flush(TimeSpan.FromSeconds(5));
        return Task.CompletedTask;
    }
}
