namespace Streaming.Contracts.Events;

/// <summary>
/// One thing that happened in a player. <see cref="EventId"/> is chosen by the client and is the
/// de-duplication key downstream (a retried post carries the same id).
/// </summary>
public sealed record ListeningEvent
{
    public required string EventId { get; init; }
    public required string UserId { get; init; }
    public required string TrackId { get; init; }
    public required string SessionId { get; init; }
    public required ListeningEventKind Kind { get; init; }

    /// <summary>Event time: every time-based rule (decay, sessions, year windows) uses it, never wall-clock.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>Milliseconds played; set on <see cref="ListeningEventKind.PlayEnded"/> and <see cref="ListeningEventKind.Skip"/>.</summary>
    public int? MsPlayed { get; init; }

    /// <summary>Track duration when the player knows it (real exports often do not).</summary>
    public int? TrackDurationMs { get; init; }

    /// <summary>Private-session plays may steer the session but never long-term taste or yearly stats.</summary>
    public bool PrivateSession { get; init; }

    public PlaybackContext Context { get; init; } = PlaybackContext.None;

    /// <summary>The skip rule applied to this event (explicit skips and dislikes always count).</summary>
    public bool IsSkip => Kind switch
    {
        ListeningEventKind.Skip or ListeningEventKind.Dislike => true,
        ListeningEventKind.PlayEnded => SkipRule.IsSkip(MsPlayed ?? 0, TrackDurationMs),
        _ => false,
    };
}
