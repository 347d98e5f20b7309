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

    /// <summary>Plays of the current session that entered the recent history: the newest this many recent entries are "this session".</summary>
    public int SessionPlays { get; set; }

    /// <summary>The last public counted plays of the current session, oldest first (at most <see cref="TasteParameters.SessionWindow"/>): what a new play is co-listened with.</summary>
    public List<string> SessionTracks { get; set; } = [];

    /// <summary>The listener's own public history (stored apart from the state: it is larger and read only by the ranking).</summary>
    public ListeningHistory History { get; set; } = new();

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
        SessionPlays = SessionPlays,
        SessionTracks = [.. SessionTracks],
        History = History.Clone(),
    };
}
