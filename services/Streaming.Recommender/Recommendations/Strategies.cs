namespace Streaming.Recommender.Recommendations;

/// <summary>How an answer was made (response field <c>strategy</c> and the metrics' <c>strategy</c> tag).</summary>
public static class Strategies
{
    /// <summary>Blend of the session and long-term vectors.</summary>
    public const string Personal = "personal";

    /// <summary>No usable vector yet: the mean of the vectors of the user's latest plays.</summary>
    public const string SessionSeeded = "session-seeded";

    /// <summary>Cold start (or degraded): the worker's time-decayed trending list.</summary>
    public const string Trending = "trending";

    /// <summary>No trending list yet: the catalog's popularity.</summary>
    public const string Popular = "popular";

    /// <summary>Item-to-item neighbours, or a year in review.</summary>
    public const string Item = "item";
}
