namespace Streaming.Gateway.Api;

/// <summary>
/// The 202 body: <paramref name="Accepted"/> events are durable in Kafka; the <paramref name="Rejected"/> ones
/// were invalid and will never be stored (do not retry them unchanged).
/// </summary>
public sealed record EventBatchAccepted(int Accepted, IReadOnlyList<EventRejection> Rejected);
