namespace Streaming.Replay.Live;

/// <summary>Posts event batches to the gateway (retries live in the implementation).</summary>
public interface IEventGateway
{
    /// <summary>Posts up to 500 events; returns once they are durable or definitively rejected.</summary>
    Task<PostResult> PostAsync(IReadOnlyList<OutgoingEvent> events, CancellationToken cancellationToken);
}

/// <param name="RejectedIndexes">Batch indexes the gateway refused as invalid (never stored).</param>
/// <param name="FirstRejection">The first rejection's field and reason, for the report.</param>
public sealed record PostResult(int Accepted, IReadOnlyList<int> RejectedIndexes, string? FirstRejection = null)
{
    public static PostResult AllAccepted(int count) => new(count, []);
}
