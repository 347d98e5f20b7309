using Microsoft.Extensions.Logging;

namespace Streaming.TasteWorker;

internal static partial class TasteWorkerLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Consuming {Topic} as group {GroupId} with catalog {Version} (space {SpaceId}, {Dimensions} dims)")]
    public static partial void Started(ILogger logger, string topic, string groupId, string version, string spaceId, int dimensions);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Partitions assigned: {Partitions}")]
    public static partial void Assigned(ILogger logger, string partitions);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Partitions revoked: {Partitions}")]
    public static partial void Revoked(ILogger logger, string partitions);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Partitions lost: {Partitions}")]
    public static partial void Lost(ILogger logger, string partitions);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Record {Topic}[{Partition}]@{Offset} dead-lettered: {Reason}")]
    public static partial void DeadLettered(ILogger logger, string topic, int partition, long offset, string reason);

    [LoggerMessage(EventId = 6, Level = LogLevel.Error, Message = "Applying a batch of {Count} records failed (attempt {Attempt}); retrying in {DelayMs} ms")]
    public static partial void BatchFailed(ILogger logger, Exception exception, int count, int attempt, long delayMs);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "Consume error {Code}: {Reason}")]
    public static partial void ConsumeError(ILogger logger, Confluent.Kafka.ErrorCode code, string reason);

    [LoggerMessage(EventId = 8, Level = LogLevel.Debug, Message = "Offset store for {Partition} skipped: {Reason}")]
    public static partial void StoreSkipped(ILogger logger, string partition, string reason);

    [LoggerMessage(EventId = 9, Level = LogLevel.Information, Message = "Stopped after {Batches} batches and {Records} records; consumer closed: {Closed}")]
    public static partial void Stopped(ILogger logger, long batches, long records, bool closed);
}
