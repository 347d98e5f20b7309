namespace Streaming.TasteStore;

/// <summary>
/// Read the state of a user for an update, which of these event ids it already applied and, when
/// <see cref="OffsetField"/> is set (<see cref="TasteKeys.OffsetField"/>), the highest offset it applied from that partition.
/// </summary>
public sealed record UserStateRequest(string UserId, IReadOnlyList<string> EventIds, string? OffsetField = null);
