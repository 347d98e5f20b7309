using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Streaming.Messaging;

internal static partial class KafkaLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Warning, Message = "Kafka client {Client} error {Code}: {Reason}")]
    public static partial void ClientError(ILogger logger, string client, ErrorCode code, string reason);

    [LoggerMessage(EventId = 101, Level = LogLevel.Debug, Message = "librdkafka {Facility}: {Message}")]
    public static partial void LibrdkafkaLog(ILogger logger, string facility, string message);
}
