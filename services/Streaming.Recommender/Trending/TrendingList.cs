using Streaming.TasteStore;

namespace Streaming.Recommender.Trending;

/// <summary>The last good trending list read from Redis (best first) and when it was read.</summary>
public sealed record TrendingList(IReadOnlyList<ScoredTrack> Tracks, DateTimeOffset FetchedAt)
{
    public static readonly TrendingList Empty = new([], DateTimeOffset.MinValue);
}
