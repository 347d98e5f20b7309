namespace Streaming.Contracts.Events;

/// <summary>What happened in the player. Wire names are snake_case (see <see cref="ListeningEventKindNames"/>).</summary>
public enum ListeningEventKind
{
    /// <summary>A kind this build does not know (sent by a newer producer); consumers ignore it.</summary>
    Unknown = 0,
    PlayStarted = 1,
    /// <summary>Playback stopped: carries ms played and, when known, the track duration.</summary>
    PlayEnded = 2,
    /// <summary>The listener pressed skip (always a skip, whatever was played).</summary>
    Skip = 3,
    Like = 4,
    /// <summary>Saved to the library or a playlist: a strong positive like a like.</summary>
    Save = 5,
    /// <summary>"Don't play this": pushes away like a skip, harder.</summary>
    Dislike = 6,
}
