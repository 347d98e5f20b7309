using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Streaming.Messaging;

/// <summary>A consumer's last act, bounded in time whatever state the brokers are in.</summary>
public static class KafkaConsumerShutdown
{
    /// <summary>
    /// Closes the consumer (librdkafka commits the stored offsets and leaves the group) and disposes it, waiting at
    /// most <paramref name="budget"/>. With the group coordinator unreachable, librdkafka keeps the final commit
    /// waiting for a coordinator for its internal 45 s (not configurable under <c>group.protocol=consumer</c>), which
    /// would outlast any termination grace period. Past the budget the close is left running on a background
    /// thread (gone with the process) and the consumer is not disposed under it. Nothing applied is lost either way:
    /// offsets are stored only after the writes they stand for, and a successor re-reading uncommitted offsets
    /// skips what the per-user watermark says was applied. Returns true when the close completed in time.
    /// </summary>
    public static bool CloseWithin(this IConsumer<string, byte[]> consumer, TimeSpan budget, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        var started = Stopwatch.GetTimestamp();
        var name = consumer.Name;
        var closed = new ManualResetEventSlim();
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                consumer.Close();
            }
            catch (Exception e) when (e is KafkaException or ObjectDisposedException)
            {
                failure = e;
            }
            closed.Set();
        })
        { IsBackground = true, Name = "kafka-consumer-close" };
        thread.Start();
        if (!closed.Wait(budget))
        {
            KafkaLog.CloseTimedOut(logger, name, (long)budget.TotalMilliseconds);
            return false;
        }
        closed.Dispose();
        if (failure is not null)
        {
            KafkaLog.CloseFailed(logger, name, failure.Message);
        }
        consumer.Dispose();
        KafkaLog.Closed(logger, name, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return failure is null;
    }
}
