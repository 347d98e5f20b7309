namespace Streaming.Recommender.Api;

/// <summary>One recommended track: catalog id and names, its ranking score and a short reason.</summary>
public sealed record RecommendedTrack(string TrackId, string Artist, string Title, double Score, string Reason);
