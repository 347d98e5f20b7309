using Streaming.Contracts.Events;

namespace Streaming.Contracts.Wire;

/// <summary>What one message of <c>listening-events</c> carries: an event or an erasure.</summary>
public abstract record ListeningRecord(string UserId)
{
    public sealed record Event(ListeningEvent Value) : ListeningRecord(Value.UserId);

    public sealed record Erasure(UserErasure Value) : ListeningRecord(Value.UserId);
}
