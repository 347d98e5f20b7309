namespace Streaming.Recommender.Api;

/// <summary>Answer of <c>similar</c>: the item-to-item neighbours of <see cref="TrackId"/>.</summary>
public sealed record SimilarTracksResponse(string TrackId, IReadOnlyList<RecommendedTrack> Tracks, string CatalogVersion);
