using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Streaming.Messaging;

/// <summary>
/// Builds the process's consumer (string keys, byte values) from the validated options, with the handlers the
/// registration attached. The caller owns what it gets: the service that runs the consume loop is the only one
/// that knows when the loop has ended, so only it closes and disposes the consumer
/// (<see cref="KafkaConsumerShutdown.CloseWithin"/>). The container never disposes it behind the loop's back.
/// </summary>
public sealed class KafkaConsumerFactory(
    IServiceProvider services,
    IOptions<KafkaConnectionOptions> connection,
    IOptions<KafkaConsumerOptions> options,
    ILoggerFactory loggers,
    string clientId,
    Action<IServiceProvider, ConsumerBuilder<string, byte[]>>? configure)
{
    public KafkaConsumerOptions Options => options.Value;

    public IConsumer<string, byte[]> Create()
    {
        KafkaNative.EnsureLoaded();
        var logger = loggers.CreateLogger("Streaming.Messaging.KafkaConsumer");
        var builder = new ConsumerBuilder<string, byte[]>(KafkaClientConfig.Consumer(connection.Value, options.Value, clientId))
            .SetErrorHandler((_, e) => KafkaLog.ClientError(logger, "consumer", e.Code, e.Reason))
            .SetLogHandler((_, m) => KafkaLog.LibrdkafkaLog(logger, m.Facility, m.Message));
        configure?.Invoke(services, builder);
        return builder.Build();
    }
}
