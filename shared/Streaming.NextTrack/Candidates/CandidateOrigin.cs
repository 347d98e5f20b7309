namespace Streaming.NextTrack.Candidates;

/// <summary>Why a candidate is in the pool, strongest evidence first (an answer's reason names the first that applies).</summary>
public enum CandidateOrigin
{
    /// <summary>The listener played it right after one of the session's tracks before.</summary>
    OwnSuccessor,

    /// <summary>Listeners play it right after one of the session's tracks.</summary>
    Successor,

    /// <summary>Listeners play it near the session's tracks.</summary>
    CoListened,

    /// <summary>The listener returns to it.</summary>
    OwnHistory,

    /// <summary>Near the listener's taste in the audio vector space.</summary>
    Similar,

    /// <summary>Popular right now.</summary>
    Trending,
}
