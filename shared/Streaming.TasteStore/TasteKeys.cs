using System.Globalization;
using System.Text;
using StackExchange.Redis;

namespace Streaming.TasteStore;

/// <summary>
/// The one place that spells taste keys (schema in README.md). All keys of a user share the hash tag
/// <c>{u:&lt;userId&gt;}</c>, so one Lua script updates a user atomically on one Redis Cluster shard.
/// Global aggregates are spread over many slots: trending over <c>trend:{&lt;shard&gt;}</c>, transitions one
/// key per source track.
/// </summary>
public sealed class TasteKeys
{
    private readonly string _prefix;

    public TasteKeys(string prefix, int trendingShards)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentOutOfRangeException.ThrowIfLessThan(trendingShards, 1);
        _prefix = prefix;
        TrendingShards = trendingShards;
    }

    public int TrendingShards { get; }

    /// <summary>HASH: sequence, vector blobs, session, cursors (fields in <see cref="StateFields"/>).</summary>
    public RedisKey State(string userId) => User(userId, "s");

    /// <summary>LIST: recent track ids, newest first, trimmed to the recent capacity.</summary>
    public RedisKey Recent(string userId) => User(userId, "r");

    /// <summary>SET: track ids skipped in the current session.</summary>
    public RedisKey SessionSkips(string userId) => User(userId, "k");

    /// <summary>ZSET: applied event ids (8-byte hashes, <see cref="SeenMember"/>) scored by event time (de-duplication of client retries).</summary>
    public RedisKey Seen(string userId) => User(userId, "e");

    /// <summary>HASH: counted plays, field <c>yyyy:trackId</c>.</summary>
    public RedisKey Plays(string userId) => User(userId, "p");

    /// <summary>STRING: the listener's own history (<see cref="HistoryBlob"/>).</summary>
    public RedisKey History(string userId) => User(userId, "h");

    /// <summary>Every key of a user, in the order the scripts take them.</summary>
    public RedisKey[] AllOfUser(string userId) =>
        [State(userId), Recent(userId), SessionSkips(userId), Seen(userId), Plays(userId), History(userId)];

    /// <summary>ZSET: forward-decayed counted plays of the tracks whose shard this is.</summary>
    public RedisKey Trending(int shard) => _prefix + "trend:{" + shard.ToString(CultureInfo.InvariantCulture) + "}";

    /// <summary>ZSET: forward-decayed successors of <paramref name="trackId"/>, top N kept.</summary>
    public RedisKey Transitions(string trackId) => _prefix + "tr:{" + trackId + "}";

    /// <summary>ZSET: forward-decayed co-listening of <paramref name="trackId"/> (tracks played near it in sessions, both directions), top N kept.</summary>
    public RedisKey CoListening(string trackId) => _prefix + "co:{" + trackId + "}";

    /// <summary>Shard of a track: FNV-1a of its UTF-8 id, stable across processes and versions.</summary>
    public int TrendingShardOf(string trackId)
    {
        var hash = 2166136261u;
        Span<byte> buffer = stackalloc byte[Encoding.UTF8.GetMaxByteCount(Math.Min(trackId.Length, 256))];
        var length = Encoding.UTF8.GetBytes(trackId.AsSpan(0, Math.Min(trackId.Length, 256)), buffer);
        foreach (var b in buffer[..length])
        {
            hash = (hash ^ b) * 16777619u;
        }
        return (int)(hash % (uint)TrendingShards);
    }

    /// <summary>Field of the plays hash for a track in a calendar year (UTC).</summary>
    public static string PlaysField(int year, string trackId) =>
        year.ToString("D4", CultureInfo.InvariantCulture) + ":" + trackId;

    /// <summary>State-hash field holding the highest offset applied from one partition (replay de-duplication).</summary>
    public static string OffsetField(string topic, int partition) =>
        "o:" + topic + ":" + partition.ToString(CultureInfo.InvariantCulture);

    /// <summary>Member of the seen set for an event id: the first 8 bytes of its SHA-256 (compact, fixed size).</summary>
    public static byte[] SeenMember(string eventId)
    {
        Span<byte> hash = stackalloc byte[32];
        System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(eventId), hash);
        return hash[..8].ToArray();
    }

    private RedisKey User(string userId, string suffix) => _prefix + "{u:" + userId + "}:" + suffix;
}
