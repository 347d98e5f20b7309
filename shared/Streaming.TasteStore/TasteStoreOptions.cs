using System.ComponentModel.DataAnnotations;

namespace Streaming.TasteStore;

/// <summary>Section <c>TasteStore</c>: key prefix, retention and aggregate shapes. Readers and the worker must agree.</summary>
public sealed class TasteStoreOptions : IValidatableObject
{
    public const string Section = "TasteStore";

    /// <summary>Prepended to every key (tests use one per test). No braces: they would move the hash tag.</summary>
    public string KeyPrefix { get; set; } = "";

    /// <summary>Last N tracks kept in the recent history.</summary>
    [Range(1, 1000)]
    public int RecentCapacity { get; set; } = 50;

    /// <summary>Per-user keys (state, recent, session skips, seen ids, play counts, history) expire after this inactivity.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00")]
    public TimeSpan UserTtl { get; set; } = TimeSpan.FromDays(60);

    /// <summary>Play counts (year in review) live at least 13 months after the user's last write.</summary>
    [Range(typeof(TimeSpan), "396.00:00:00", "3650.00:00:00")]
    public TimeSpan PlaysTtl { get; set; } = TimeSpan.FromDays(400);

    /// <summary>
    /// Event ids remembered per user against client retries (newest by event time). 128 keeps the sorted
    /// set in Redis' compact listpack encoding; replays of Kafka records are caught by the offset watermark instead.
    /// </summary>
    [Range(16, 100_000)]
    public int SeenCapacity { get; set; } = 128;

    /// <summary>Event ids older than this (event time, behind the user's newest event) are forgotten.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan SeenWindow { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Trending is spread over this many sorted sets (each its own hash slot).</summary>
    [Range(1, 1024)]
    public int TrendingShards { get; set; } = 16;

    [Range(10, 1_000_000)]
    public int TrendingCapacityPerShard { get; set; } = 2_000;

    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan TrendingHalfLife { get; set; } = TimeSpan.FromDays(2);

    /// <summary>Successors kept per track (the top N by decayed count).</summary>
    [Range(1, 10_000)]
    public int TransitionsPerTrack { get; set; } = 50;

    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00")]
    public TimeSpan TransitionHalfLife { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Co-listened tracks kept per track (the top N by decayed count).</summary>
    [Range(1, 10_000)]
    public int CoListeningPerTrack { get; set; } = 100;

    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00")]
    public TimeSpan CoListeningHalfLife { get; set; } = TimeSpan.FromDays(60);

    /// <summary>
    /// Origin of forward-decayed scores (trending, successors, co-listening): a contribution at t adds
    /// <c>2^((t - epoch)/halfLife)</c>. Scores stay finite while <c>(t - epoch)/halfLife &lt; ~1000</c>
    /// (5 years at a 2-day half-life); see the README for the rebase.
    /// </summary>
    public DateTimeOffset DecayEpoch { get; set; } = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (KeyPrefix.AsSpan().IndexOfAny('{', '}') >= 0)
        {
            yield return new ValidationResult("TasteStore:KeyPrefix must not contain '{' or '}'.", [nameof(KeyPrefix)]);
        }
    }
}
