using Confluent.Kafka;
using Microsoft.Extensions.Options;
using Streaming.Gateway.Telemetry;

namespace Streaming.Gateway;

/// <summary>
/// Builds the producer at start, so the first post does not pay for it. Nothing happens at stop: the container
/// owns the producer and flushes it when it disposes it, after every request has drained
/// (<see cref="Streaming.Messaging.FlushOnDisposeProducer{TKey,TValue}"/>).
/// </summary>
internal sealed class GatewayStartup(
    IProducer<string, byte[]> producer,
    IOptions<GatewayOptions> options,
    ILogger<GatewayStartup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        GatewayLog.Started(logger, options.Value.Topic, producer.Name, options.Value.EnableBenchmarkEndpoints);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
