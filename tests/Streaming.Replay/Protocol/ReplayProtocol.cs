namespace Streaming.Replay.Protocol;

/// <summary>
/// The evaluation protocol, shared with <c>../shared/tools/next_track_baselines.py</c>: per user the first
/// 70% of plays (by time) warm up and the last 30% are scored; a play under 30 s is a skip; a target is a
/// non-skip scored play whose track is not among the user's last 20 plays; candidates exclude those 20;
/// a session ends after more than 30 minutes of silence; lists are cut at 10.
/// </summary>
public static class ReplayProtocol
{
    public const double WarmupFraction = 0.7;
    public const int SkipBelowMs = 30_000;
    public const int RecentWindow = 20;
    public const int ListLength = 10;
    public static readonly TimeSpan SessionGap = TimeSpan.FromMinutes(30);

    /// <summary>Plays that warm up: <c>int(n * 0.7)</c>, the same double arithmetic as the Python script.</summary>
    public static int WarmupCount(int plays) => (int)(plays * WarmupFraction);

    public static bool IsSkip(int msPlayed) => msPlayed < SkipBelowMs;

    /// <summary>When the player asks for the next track before a target play: at its start (its end time minus what was played).</summary>
    public static DateTimeOffset AskedAt(TimelineEvent e) => e.OccurredAt - TimeSpan.FromMilliseconds(e.Play.MsPlayed);

    /// <summary>A new session starts when strictly more than <see cref="SessionGap"/> passed since the previous play.</summary>
    public static bool StartsNewSession(DateTimeOffset previous, DateTimeOffset current) => current - previous > SessionGap;
}
