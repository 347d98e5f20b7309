namespace Streaming.FaultHarness.Load;

/// <summary>
/// Events sent, acknowledged by the gateway (202), applied (counted in Redis at least once), lost (acknowledged,
/// never applied) and applied more than once (the extra applications).
/// </summary>
public sealed record LedgerCount(long Sent, long Acknowledged, long Applied, long Lost, long AppliedTwice)
{
    /// <summary>The lost events themselves, to find where they went.</summary>
    public IReadOnlyList<PlannedEvent> LostEvents { get; init; } = [];
}
