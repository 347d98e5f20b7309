namespace Streaming.TasteStore;

/// <summary>
/// The Lua scripts of the store, embedded from <c>Scripts/*.lua</c>; each file states its KEYS, ARGV and reply.
/// Every script touches the keys of one hash slot only.
/// </summary>
internal static class TasteScripts
{
    /// <summary>One user's compare-and-set write: 1 when applied, 0 when the sequence moved (re-read and recompute).</summary>
    public static readonly RedisScript WriteUser = RedisScript.Embedded("write-user.lua");
}
