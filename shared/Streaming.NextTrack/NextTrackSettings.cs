using System.ComponentModel.DataAnnotations;

namespace Streaming.NextTrack;

/// <summary>
/// The knobs of the next-track ranking: candidate pool sizes and answer rules. Every value here was chosen by the
/// leave-listeners-out evaluation of the warm-up part (see the recommender README), not by habit.
/// </summary>
public sealed record NextTrackSettings
{
    /// <summary>Never recommend one of the listener's last N plays: at least the replay protocol's 20 (more only hides what people return to).</summary>
    [Range(20, 1000)]
    public int RecentExclusion { get; init; } = 20;

    /// <summary>At most this many tracks of one artist per answer (album listening is real: no cap by default).</summary>
    [Range(1, 1000)]
    public int MaxPerArtist { get; init; } = 1000;

    /// <summary>Latest distinct, not skipped plays whose co-listening and successors are looked up (newest weighs most).</summary>
    [Range(1, 20)]
    public int SourceTracks { get; init; } = 5;

    /// <summary>Own-history tracks that enter the pool (best first by a cheap score).</summary>
    [Range(0, 5000)]
    public int HistoryCandidates { get; init; } = 100;

    [Range(0, 1000)]
    public int CoListeningCandidates { get; init; } = 50;

    [Range(0, 1000)]
    public int SuccessorCandidates { get; init; } = 30;

    /// <summary>Nearest neighbours of the taste blend.</summary>
    [Range(0, 1000)]
    public int VectorCandidates { get; init; } = 40;

    [Range(0, 1000)]
    public int TrendingCandidates { get; init; } = 20;

    /// <summary>Entries read per source track and list (co-listening, successors).</summary>
    [Range(1, 1000)]
    public int ListLength { get; init; } = 50;

    /// <summary>Share of the session direction in the vector query; the rest is long-term taste.</summary>
    [Range(0.0, 1.0)]
    public double SessionWeight { get; init; } = 0.6;

    /// <summary>A listener silent this long (event time) is in a new session: the stored one no longer filters or steers.</summary>
    public TimeSpan SessionGap { get; init; } = TimeSpan.FromMinutes(30);

    public static NextTrackSettings Default { get; } = new();
}
