using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Streaming.Messaging;

internal static partial class KafkaLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Warning, Message = "Kafka client {Client} error {Code}: {Reason}")]
    public static partial void ClientError(ILogger logger, string client, ErrorCode code, string reason);

    [LoggerMessage(EventId = 101, Level = LogLevel.Debug, Message = "librdkafka {Facility}: {Message}")]
    public static partial void LibrdkafkaLog(ILogger logger, string facility, string message);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning,
        Message = "Producer {Client} disposed with {Left} message(s) still unacknowledged after flushing {ElapsedMs} ms (their senders were not acknowledged either)")]
    public static partial void FlushIncomplete(ILogger logger, string client, int left, long elapsedMs);

    [LoggerMessage(EventId = 103, Level = LogLevel.Warning,
        Message = "Consumer {Client} did not close within {BudgetMs} ms (group coordinator unreachable?); leaving without the final commit: uncommitted records are re-read by the next owner and skipped as applied")]
    public static partial void CloseTimedOut(ILogger logger, string client, long budgetMs);

    [LoggerMessage(EventId = 104, Level = LogLevel.Warning, Message = "Consumer {Client} close reported: {Reason}")]
    public static partial void CloseFailed(ILogger logger, string client, string reason);

    [LoggerMessage(EventId = 105, Level = LogLevel.Information, Message = "Consumer {Client} closed in {ElapsedMs} ms")]
    public static partial void Closed(ILogger logger, string client, long elapsedMs);
}
