namespace Streaming.Contracts.Events;

/// <summary>
/// The one skip rule of the system. A play is a skip when it lasted under 30 s, or, when the duration is
/// known, under 20% of it (leaving a 10-minute track after 90 s is a skip). A play that reached 90% of a
/// known duration is never a skip, so a 25-second interlude played to the end counts as a listen.
/// Durations are optional because real exports (StreamingHistory*.json) lack them.
/// </summary>
public static class SkipRule
{
    public const int MinimumListenMs = 30_000;
    public const double MinimumListenShare = 0.2;
    public const double CompletedShare = 0.9;

    public static bool IsSkip(int msPlayed, int? trackDurationMs)
    {
        if (trackDurationMs is > 0 and var duration)
        {
            if (msPlayed >= duration * CompletedShare)
            {
                return false;
            }
            if (msPlayed < duration * MinimumListenShare)
            {
                return true;
            }
        }
        return msPlayed < MinimumListenMs;
    }

    /// <summary>Share of the track played in [0, 1], or null when the duration is unknown.</summary>
    public static double? Completion(int msPlayed, int? trackDurationMs) =>
        trackDurationMs is > 0 and var duration ? Math.Clamp((double)msPlayed / duration, 0, 1) : null;
}
