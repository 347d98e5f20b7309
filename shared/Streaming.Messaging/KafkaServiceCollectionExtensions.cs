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

    /// <summary>Registers an <see cref="IProducer{TKey,TValue}"/> of string keys and byte values.</summary>
    public static IHostApplicationBuilder AddKafkaProducer(this IHostApplicationBuilder builder, string connectionName = DefaultConnectionName)
    {
        builder.AddKafkaConnection(connectionName);
        builder.Services.AddValidatedOptions<KafkaProducerOptions>(KafkaProducerOptions.Section);
        builder.Services.AddSingleton<IProducer<string, byte[]>>(sp =>
        {
            KafkaNative.EnsureLoaded();
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger("Streaming.Messaging.KafkaProducer");
            var config = KafkaClientConfig.Producer(
                sp.GetRequiredService<IOptions<KafkaConnectionOptions>>().Value,
                sp.GetRequiredService<IOptions<KafkaProducerOptions>>().Value,
                builder.Environment.ApplicationName);
            return new ProducerBuilder<string, byte[]>(config)
                .SetErrorHandler((_, e) => KafkaLog.ClientError(logger, "producer", e.Code, e.Reason))
                .SetLogHandler((_, m) => KafkaLog.LibrdkafkaLog(logger, m.Facility, m.Message))
                .Build();
        });
        return builder;
    }

    /// <summary>
    /// Registers an <see cref="IConsumer{TKey,TValue}"/> (string keys, byte values) built on first use;
    /// <paramref name="configure"/> may attach rebalance/statistics handlers. Dispose/Close stays with the
    /// service that runs the loop.
    /// </summary>
    public static IHostApplicationBuilder AddKafkaConsumer(
        this IHostApplicationBuilder builder,
        Action<IServiceProvider, ConsumerBuilder<string, byte[]>>? configure = null,
        string connectionName = DefaultConnectionName)
    {
        builder.AddKafkaConnection(connectionName);
        builder.Services.AddValidatedOptions<KafkaConsumerOptions>(KafkaConsumerOptions.Section);
        builder.Services.AddSingleton<IConsumer<string, byte[]>>(sp =>
        {
            KafkaNative.EnsureLoaded();
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger("Streaming.Messaging.KafkaConsumer");
            var config = KafkaClientConfig.Consumer(
                sp.GetRequiredService<IOptions<KafkaConnectionOptions>>().Value,
                sp.GetRequiredService<IOptions<KafkaConsumerOptions>>().Value,
                builder.Environment.ApplicationName + "-" + Environment.MachineName);
            var consumerBuilder = new ConsumerBuilder<string, byte[]>(config)
                .SetErrorHandler((_, e) => KafkaLog.ClientError(logger, "consumer", e.Code, e.Reason))
                .SetLogHandler((_, m) => KafkaLog.LibrdkafkaLog(logger, m.Facility, m.Message));
            configure?.Invoke(sp, consumerBuilder);
            return consumerBuilder.Build();
        });
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
