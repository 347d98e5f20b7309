namespace Streaming.Gateway.Publishing;

/// <summary>
/// What Kafka acknowledged of a batch: <see cref="NotStored"/> lists the batch indexes it did not (empty =
/// all durable); <see cref="Error"/> is the first Kafka error seen, for logs.
/// </summary>
public sealed record PublishOutcome(int Stored, IReadOnlyList<int> NotStored, string? Error)
{
    public bool AllStored => NotStored.Count == 0;
}
