namespace Streaming.TasteStore;

/// <summary>Fields of the user state hash (<see cref="TasteKeys.State"/>).</summary>
internal static class StateFields
{
    /// <summary>Write sequence: every successful user write increments it (compare-and-set).</summary>
    public const string Sequence = "seq";
    public const string LongTerm = "lt";
    public const string Session = "ss";
    public const string SessionId = "sid";
    public const string SessionLast = "sts";
    public const string LastEvent = "last";
    public const string NowPlaying = "np";
    public const string PreviousPlay = "pv";
    public const string PlayCount = "n";

    /// <summary>The session's last public counted plays, oldest first, separated by <see cref="ListSeparator"/>.</summary>
    public const string SessionTracks = "sw";

    /// <summary>Plays of the current session that entered the recent history (the newest entries of the recent list).</summary>
    public const string SessionPlays = "sp";

    /// <summary>Track ids never contain it (base62, or 'n:' + base32).</summary>
    public const char ListSeparator = ' ';

    /// <summary>Id of the last event applied (fold order): readers tell whether an answer reflects a posted event.</summary>
    public const string LastEventId = "lid";
}
