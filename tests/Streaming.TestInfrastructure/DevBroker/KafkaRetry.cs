using System.Diagnostics;
using Confluent.Kafka;

namespace Streaming.TestInfrastructure.DevBroker;

/// <summary>
/// Metadata and offset queries of a test's own Kafka client, retried until a deadline: the first request of a
/// fresh client (bootstrap, coordinator lookup) can time out on a loaded machine, which says nothing about the
/// system under test.
/// </summary>
public static class KafkaRetry
{
    public static T Until<T>(Func<T> query, TimeSpan deadline)
    {
        ArgumentNullException.ThrowIfNull(query);
        var until = Stopwatch.GetTimestamp() + (long)(deadline.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            try
            {
                return query();
            }
            catch (KafkaException) when (Stopwatch.GetTimestamp() < until)
            {
                Thread.Sleep(200);
            }
        }
    }
}
