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

    /// <summary>The fields a reader's context holds (read-context.lua reads them in this order).</summary>
    public static readonly string[] Context = [LongTerm, Session, SessionId, SessionLast, LastEvent, NowPlaying, LastEventId, SessionPlays];

    /// <summary>The fields the worker folds from (read-for-update.lua reads them in this order, then the partition's offset field).</summary>
    public static readonly string[] ForUpdate = [Sequence, LongTerm, Session, SessionId, SessionLast, LastEvent, NowPlaying, PreviousPlay, PlayCount, SessionTracks, SessionPlays];

    /// <summary>The reply value of <paramref name="field"/> in an HMGET of <paramref name="fields"/>.</summary>
    public static StackExchange.Redis.RedisResult Of(StackExchange.Redis.RedisResult[] reply, string[] fields, string field) =>
        reply[Array.IndexOf(fields, field)];
}
