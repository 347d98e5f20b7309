namespace Streaming.Recommender.Api;

/// <summary>Answer of <c>top</c>: the calendar year (UTC, event time) and its most played tracks, private plays excluded.
/// <see cref="Year"/> is null when the user has no counted play at all.</summary>
public sealed record TopTracksResponse(string UserId, int? Year, IReadOnlyList<TopTrack> Tracks, bool Degraded, string CatalogVersion);
