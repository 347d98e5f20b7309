using Streaming.TasteMath;

namespace Streaming.TasteStore;

/// <summary>A user as stored (<see cref="UserBlob"/>): its write sequence (the compare-and-set fence), taste and lists.</summary>
/// <param name="Sequence">+1 per applied write; 0 for a user never written (or erased); -1 when the stored blob is unreadable
/// (the next write replaces it unconditionally).</param>
/// <param name="AlreadyApplied">Per requested event id: true when the store already applied it.</param>
/// <param name="Seen">Every applied event id the store keeps for de-duplication.</param>
public sealed record StoredUserState(string UserId, long Sequence, UserTaste Taste, IReadOnlyList<bool> AlreadyApplied, SeenEvents Seen)
{
    /// <summary>Recent track ids, newest first, at most <see cref="TasteStoreOptions.RecentCapacity"/>.</summary>
    public IReadOnlyList<string> Recent { get; init; } = [];

    /// <summary>Tracks skipped in the current session, in the order first skipped.</summary>
    public IReadOnlyList<string> SessionSkips { get; init; } = [];

    /// <summary>Highest offset applied per partition (<see cref="TasteKeys.OffsetField"/>): replays of Kafka records are skipped by it.</summary>
    public IReadOnlyDictionary<string, long> Offsets { get; init; } = new Dictionary<string, long>(StringComparer.Ordinal);

    /// <summary>Highest offset applied from the partition named <paramref name="offsetField"/> (<see cref="TasteKeys.OffsetField"/>), or null.</summary>
    public long? AppliedOffsetOf(string offsetField) => Offsets.TryGetValue(offsetField, out var offset) ? offset : null;

    /// <summary>Id of the last event applied (fold order).</summary>
    public string? LastEventId { get; init; }

    /// <summary>A user the store holds nothing for.</summary>
    public static StoredUserState New(string userId) => new(userId, 0, new UserTaste(), [], SeenEvents.Empty);
}
