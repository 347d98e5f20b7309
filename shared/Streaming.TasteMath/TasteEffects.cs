namespace Streaming.TasteMath;

/// <summary>
/// The side effects of one event besides the vectors, for the store to write: recent history,
/// session skips, play counts, the listening history, trending, successors and co-listening.
/// </summary>
public readonly record struct TasteEffects
{
    /// <summary>A new session began: the session skips start empty.</summary>
    public bool SessionReset { get; init; }

    /// <summary>The track enters the recent history (newest first).</summary>
    public bool PushRecent { get; init; }

    /// <summary>The track joins this session's skipped tracks.</summary>
    public bool AddSessionSkip { get; init; }

    /// <summary>A counted play: per-user play counts and global trending.</summary>
    public bool CountPlay { get; init; }

    /// <summary>Source track of a transition to this event's track (public sessions only).</summary>
    public string? TransitionFrom { get; init; }

    /// <summary>The session's earlier public counted plays this play is co-listened with (both directions); null when none.</summary>
    public IReadOnlyList<string>? CoListenedWith { get; init; }

    public VectorOutcome Vector { get; init; }

    /// <summary>The long-term vector was dropped because it lived in another embedding space.</summary>
    public bool LongTermSpaceReset { get; init; }

    public bool SessionSpaceReset { get; init; }
}
