namespace Streaming.TasteMath;

/// <summary>
/// The knobs of the taste model. The worker and every offline recomputation must use the same values:
/// they are part of what a stored vector means.
/// </summary>
public sealed record TasteParameters
{
    public static TasteParameters Default { get; } = new();

    /// <summary>Long-term taste forgets slowly: an event weighs half as much after this much event time.</summary>
    public TimeSpan LongTermHalfLife { get; init; } = TimeSpan.FromDays(21);

    /// <summary>The session vector is "the moment": it forgets within minutes.</summary>
    public TimeSpan SessionHalfLife { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>A gap longer than this (event time) starts a new session even under the same session id.</summary>
    public TimeSpan SessionGap { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Pull of a play that was not a skip (scaled by completion when the duration is known).</summary>
    public float PlayWeight { get; init; } = 1f;

    /// <summary>Push of a skip at 0 ms; a skip at the 30 s threshold pushes half as hard.</summary>
    public float SkipWeight { get; init; } = 0.5f;

    /// <summary>Pull of a like or a save.</summary>
    public float LikeWeight { get; init; } = 2f;

    /// <summary>Push of a dislike.</summary>
    public float DislikeWeight { get; init; } = 2f;

    /// <summary>Distinct tracks a listener's <see cref="ListeningHistory"/> keeps (about 24 bytes each in Redis).</summary>
    public int HistoryCapacity { get; init; } = 1000;

    /// <summary>
    /// In the history's retention, each doubling of a track's play count is worth this much recency: a track played
    /// 7 times outlives one played once 3 x this long ago.
    /// </summary>
    public TimeSpan HistoryFrequencyCredit { get; init; } = TimeSpan.FromDays(30);

    /// <summary>Public counted plays of the current session that a new play is co-listened with (session item-kNN's window).</summary>
    public int SessionWindow { get; init; } = 5;
}
