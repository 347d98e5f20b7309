using Streaming.TasteMath;

namespace Streaming.TasteStore;

/// <summary>A user's state as read for an update: its write sequence (for the compare-and-set) and taste.</summary>
/// <param name="AlreadyApplied">Per requested event id: true when the store already applied it.</param>
/// <param name="AppliedOffset">Highest offset applied from the requested partition, or null.</param>
/// <param name="Seen">Every applied event id the store keeps for de-duplication.</param>
public sealed record StoredUserState(string UserId, long Sequence, UserTaste Taste, IReadOnlyList<bool> AlreadyApplied, long? AppliedOffset, SeenEvents Seen);
