using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streaming.ServiceDefaults;

namespace Streaming.Messaging;

/// <summary>
/// Registers the process's one Kafka producer / consumer / admin client, their options (validated on
/// start) and a "kafka" health check. Connection from <c>ConnectionStrings:kafka</c>.
/// </summary>
public static class KafkaServiceCollectionExtensions
{
    public const string DefaultConnectionName = "kafka";
    public const string HealthCheckName = "kafka";

    /// <summary>
    /// Registers the <see cref="IProducer{TKey,TValue}"/> of string keys and byte values, owned by the container:
    /// it flushes (bounded) and destroys the handle when the container disposes it (<see cref="FlushOnDisposeProducer{TKey,TValue}"/>).
    /// </summary>
    public static IHostApplicationBuilder AddKafkaProducer(this IHostApplicationBuilder builder, string connectionName = DefaultConnectionName)
    {
        builder.AddKafkaConnection(connectionName);
        builder.Services.AddValidatedOptions<KafkaProducerOptions>(KafkaProducerOptions.Section);
        builder.Services.AddSingleton<IProducer<string, byte[]>>(sp =>
        {
            KafkaNative.EnsureLoaded();
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger("Streaming.Messaging.KafkaProducer");
            var options = sp.GetRequiredService<IOptions<KafkaProducerOptions>>().Value;
            var config = KafkaClientConfig.Producer(
                sp.GetRequiredService<IOptions<KafkaConnectionOptions>>().Value, options, builder.Environment.ApplicationName);
            var producer = new ProducerBuilder<string, byte[]>(config)
                .SetErrorHandler((_, e) => KafkaLog.ClientError(logger, "producer", e.Code, e.Reason))
                .SetLogHandler((_, m) => KafkaLog.LibrdkafkaLog(logger, m.Facility, m.Message))
                .Build();
            return new FlushOnDisposeProducer<string, byte[]>(producer, TimeSpan.FromMilliseconds(options.FlushOnDisposeMs), logger);
        });
        return builder;
    }

    /// <summary>
    /// Registers the <see cref="KafkaConsumerFactory"/> of the process's consumer (string keys, byte values);
    /// <paramref name="configure"/> may attach rebalance/statistics handlers. The consumer is not a container
    /// singleton: the service that runs the loop creates it, closes it and disposes it.
    /// </summary>
    public static IHostApplicationBuilder AddKafkaConsumer(
        this IHostApplicationBuilder builder,
        Action<IServiceProvider, ConsumerBuilder<string, byte[]>>? configure = null,
        string connectionName = DefaultConnectionName)
    {
        builder.AddKafkaConnection(connectionName);
        builder.Services.AddValidatedOptions<KafkaConsumerOptions>(KafkaConsumerOptions.Section);
        builder.Services.AddSingleton(sp => new KafkaConsumerFactory(
            sp,
            sp.GetRequiredService<IOptions<KafkaConnectionOptions>>(),
            sp.GetRequiredService<IOptions<KafkaConsumerOptions>>(),
            sp.GetRequiredService<ILoggerFactory>(),
            builder.Environment.ApplicationName + "-" + Environment.MachineName,
            configure));
        return builder;
    }

    /// <summary>Binds the connection, registers the admin client and the "kafka" health check (tagged ready).</summary>
    public static IHostApplicationBuilder AddKafkaConnection(this IHostApplicationBuilder builder, string connectionName = DefaultConnectionName)
    {
        if (builder.Services.Any(d => d.ServiceType == typeof(KafkaHealthCheck)))
        {
            return builder;
        }
        builder.Services.AddOptions<KafkaConnectionOptions>()
            .BindConfiguration("Kafka")
            .Configure<IConfiguration>((o, cfg) => o.BootstrapServers = cfg.GetConnectionString(connectionName) ?? o.BootstrapServers)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<IAdminClient>(sp =>
        {
            KafkaNative.EnsureLoaded();
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger("Streaming.Messaging.KafkaAdmin");
            return new AdminClientBuilder(KafkaClientConfig.Admin(
                    sp.GetRequiredService<IOptions<KafkaConnectionOptions>>().Value, builder.Environment.ApplicationName + "-admin"))
                .SetErrorHandler((_, e) => KafkaLog.ClientError(logger, "admin", e.Code, e.Reason))
                .SetLogHandler((_, m) => KafkaLog.LibrdkafkaLog(logger, m.Facility, m.Message))
                .Build();
        });
        builder.Services.AddSingleton<KafkaHealthCheck>();
        builder.Services.AddHealthChecks().AddCheck<KafkaHealthCheck>(HealthCheckName, tags: [HealthTags.Ready]);
        return builder;
    }
}
