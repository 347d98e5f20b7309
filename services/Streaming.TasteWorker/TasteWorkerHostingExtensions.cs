using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Streaming.Messaging;
using Streaming.ServiceDefaults;
using Streaming.TasteMath;
using Streaming.TasteWorker;

namespace Microsoft.Extensions.Hosting;

public static class TasteWorkerHostingExtensions
{
    /// <summary>
    /// The taste worker: Kafka consumer (rebalance and statistics handlers) and dead-letter producer,
    /// the taste store, the catalog snapshot, the taste math (section <c>TasteWorker:Taste</c>) and the
    /// consume loop. Readiness = Kafka + Redis + catalog loaded.
    /// </summary>
    public static IHostApplicationBuilder AddTasteWorker(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<TasteWorkerOptions>(TasteWorkerOptions.Section);
        services.AddOptions<TasteParameters>().BindConfiguration(TasteWorkerOptions.Section + ":Taste");
        services.AddSingleton(sp => new TasteFolder(sp.GetRequiredService<IOptions<TasteParameters>>().Value));
        builder.AddTasteStore(traceRedisCommands: false);
        builder.AddCatalogSnapshots();
        builder.AddKafkaProducer();
        builder.AddKafkaConsumer((sp, consumer) =>
        {
            var tracker = sp.GetRequiredService<PartitionTracker>();
            consumer
                .SetPartitionsAssignedHandler((c, partitions) => tracker.OnAssigned(c, partitions))
                .SetPartitionsRevokedHandler((c, partitions) => tracker.OnRevoked(c, partitions))
                .SetPartitionsLostHandler((c, partitions) => tracker.OnLost(c, partitions))
                .SetStatisticsHandler((_, json) => tracker.OnStatistics(json));
        });
        services.AddSingleton<TasteWorkerMetrics>();
        services.AddSingleton<UserStateCache>();
        services.AddSingleton<PartitionTracker>();
        services.AddSingleton<IDeadLetterSink, DeadLetterPublisher>();
        services.AddSingleton<BatchApplier>();
        services.AddHostedService<TasteWorkerService>();
        return builder;
    }
}
