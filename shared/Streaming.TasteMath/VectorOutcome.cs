namespace Streaming.TasteMath;

/// <summary>What an event did to the vectors.</summary>
public enum VectorOutcome
{
    /// <summary>The event has no taste effect (play_started, unknown kind, a late event of an older session that is private).</summary>
    None = 0,
    Applied,
    /// <summary>The track has no vector in the current catalog: history counts it, the vectors do not.</summary>
    UnknownTrack,
}
