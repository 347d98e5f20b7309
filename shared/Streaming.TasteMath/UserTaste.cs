namespace Streaming.TasteMath;

/// <summary>Everything the fold of one user's events carries from one event to the next.</summary>
public sealed class UserTaste
{
    /// <summary>Slow taste, public events only; null until the first event with a vector.</summary>
    public DecayedVector? LongTerm { get; set; }

    /// <summary>The moment: public and private events of the current session.</summary>
    public DecayedVector? Session { get; set; }

    public string? SessionId { get; set; }

    /// <summary>Newest event time (unix ms) seen in the current session.</summary>
    public long? SessionLastMs { get; set; }

    /// <summary>Newest event time (unix ms) of any event applied.</summary>
    public long? LastEventMs { get; set; }

    /// <summary>Track of a play_started whose end has not arrived yet (already in the recent history).</summary>
    public string? NowPlaying { get; set; }

    /// <summary>Last counted (public, not skipped) play of the current session: the source of the next transition.</summary>
    public string? PreviousPlay { get; set; }

    /// <summary>Counted plays applied so far.</summary>
    public long PlayCount { get; set; }

    public bool IsEmpty => LastEventMs is null;

    public UserTaste Clone() => new()
    {
        LongTerm = LongTerm?.Clone(),
        Session = Session?.Clone(),
        SessionId = SessionId,
        SessionLastMs = SessionLastMs,
        LastEventMs = LastEventMs,
        NowPlaying = NowPlaying,
        PreviousPlay = PreviousPlay,
        PlayCount = PlayCount,
    };
}
