using Confluent.Kafka;

namespace Streaming.Messaging;

/// <summary>Builds librdkafka configurations from our options, so every client in the system is tuned alike.</summary>
public static class KafkaClientConfig
{
    public static ProducerConfig Producer(KafkaConnectionOptions connection, KafkaProducerOptions options, string clientId)
    {
        var config = new ProducerConfig
        {
            BootstrapServers = connection.BootstrapServers,
            ClientId = clientId,
            // A 202 from the gateway means "durable in Kafka": every in-sync replica has it, written once.
            Acks = Acks.All,
            EnableIdempotence = true,
            LingerMs = options.LingerMs,
            CompressionType = Enum.Parse<CompressionType>(options.Compression, ignoreCase: true),
            MessageTimeoutMs = options.MessageTimeoutMs,
            QueueBufferingMaxMessages = options.QueueBufferingMaxMessages,
            StatisticsIntervalMs = connection.StatisticsIntervalMs,
            SocketKeepaliveEnable = true,
        };
        if (options.Debug.Length > 0)
        {
            config.Debug = options.Debug;
        }
        return config;
    }

    public static ConsumerConfig Consumer(KafkaConnectionOptions connection, KafkaConsumerOptions options, string clientId)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = connection.BootstrapServers,
            ClientId = clientId,
            GroupId = options.GroupId,
            // Offsets are stored by our code only after the work they stand for is durable.
            EnableAutoOffsetStore = false,
            EnableAutoCommit = true,
            AutoCommitIntervalMs = options.AutoCommitIntervalMs,
            FetchWaitMaxMs = options.FetchWaitMaxMs,
            MaxPollIntervalMs = options.MaxPollIntervalMs,
            StatisticsIntervalMs = connection.StatisticsIntervalMs,
            AutoOffsetReset = options.AutoOffsetReset switch
            {
                "latest" => AutoOffsetReset.Latest,
                "error" => AutoOffsetReset.Error,
                _ => AutoOffsetReset.Earliest,
            },
            SocketKeepaliveEnable = true,
        };
        if (options.GroupProtocol == "consumer")
        {
            // KIP-848: the broker assigns incrementally; session/assignment settings are the broker's then.
            config.Set("group.protocol", "consumer");
        }
        else
        {
            config.PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky;
        }
        return config;
    }

    public static AdminClientConfig Admin(KafkaConnectionOptions connection, string clientId) => new()
    {
        BootstrapServers = connection.BootstrapServers,
        ClientId = clientId,
    };
}
