namespace Streaming.Contracts.Events;

/// <summary>
/// "Forget this user": produced on the user's partition (key = user id) so it is ordered after every
/// event the user sent; consumers delete all of the user's state when they reach it.
/// </summary>
public sealed record UserErasure
{
    public required string ErasureId { get; init; }
    public required string UserId { get; init; }
    public required DateTimeOffset RequestedAt { get; init; }
}
