using Streaming.Contracts.Events;

namespace Streaming.TasteMath;

/// <summary>How hard one event pulls its track's vector into the taste (positive) or pushes it away (negative).</summary>
public static class EventWeights
{
    /// <summary>0 for events without a taste effect (play_started, unknown kinds).</summary>
    public static float Of(ListeningEvent e, TasteParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(parameters);
        switch (e.Kind)
        {
            case ListeningEventKind.Like or ListeningEventKind.Save:
                return parameters.LikeWeight;
            case ListeningEventKind.Dislike:
                return -parameters.DislikeWeight;
            case ListeningEventKind.Skip or ListeningEventKind.PlayEnded when e.IsSkip:
                // Earlier skips push harder: full weight at 0 ms, half at the 30 s threshold.
                var played = Math.Clamp((e.MsPlayed ?? 0) / (double)SkipRule.MinimumListenMs, 0.0, 1.0);
                return -parameters.SkipWeight * (float)(1.0 - 0.5 * played);
            case ListeningEventKind.PlayEnded:
                var completion = SkipRule.Completion(e.MsPlayed ?? 0, e.TrackDurationMs);
                return parameters.PlayWeight * (float)(completion ?? 1.0);
            default:
                return 0f;
        }
    }

    /// <summary>A play that counts as a stream: play counts, trending and transitions see only these.</summary>
    public static bool IsCountedPlay(ListeningEvent e) =>
        e.Kind == ListeningEventKind.PlayEnded && !e.IsSkip && !e.PrivateSession;
}
