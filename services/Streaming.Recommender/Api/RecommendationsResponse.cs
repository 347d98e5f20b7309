namespace Streaming.Recommender.Api;

/// <summary>
/// Answer of <c>next</c> and <c>discover</c>. <see cref="Degraded"/>: Redis failed and the tracks are the
/// cached trending list. <see cref="LastAppliedEventId"/>/<see cref="LastEventAt"/>: the newest event of the user
/// the answer reflects (absent for unknown users and degraded answers).
/// <see cref="Strategy"/>: <c>personal</c>, <c>session-seeded</c>, <c>trending</c> or <c>popular</c>.
/// </summary>
public sealed record RecommendationsResponse(
    string UserId,
    IReadOnlyList<RecommendedTrack> Tracks,
    bool Degraded,
    string CatalogVersion,
    string? LastAppliedEventId,
    DateTimeOffset? LastEventAt,
    string Strategy);
