using System.Globalization;
using System.Text;
using StackExchange.Redis;

namespace Streaming.TasteStore;

/// <summary>
/// The one place that spells taste keys (schema in README.md). All keys of a user share the hash tag
/// <c>{u:&lt;userId&gt;}</c>, so one script updates a user atomically on one Redis Cluster shard.
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

    /// <summary>STRING: the stored user (<see cref="UserBlob"/>): sequence, vectors, session, recent, skips, seen ids, offsets, history.</summary>
    public RedisKey User(string userId) => UserKey(userId, "b");

    /// <summary>HASH: counted plays, field <c>yyyy:trackId</c>.</summary>
    public RedisKey Plays(string userId) => UserKey(userId, "p");

    /// <summary>Every key of a user, in the order the write script takes them.</summary>
    public RedisKey[] AllOfUser(string userId) => [User(userId), Plays(userId)];

    /// <summary>
    /// The keys of the schema before the user blob (state hash, recent, skips, seen, history): left to expire, deleted
    /// by an erasure, so nothing of a user outlives it.
    /// </summary>
    public RedisKey[] LegacyOfUser(string userId) =>
        [UserKey(userId, "s"), UserKey(userId, "r"), UserKey(userId, "k"), UserKey(userId, "e"), UserKey(userId, "h")];

    /// <summary>What an erasure deletes: <see cref="AllOfUser"/>, then <see cref="LegacyOfUser"/>.</summary>
    public RedisKey[] EveryKeyOfUser(string userId) => [.. AllOfUser(userId), .. LegacyOfUser(userId)];

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

    /// <summary>Name of the highest offset applied from one partition in <see cref="StoredUserState.Offsets"/> (replay de-duplication).</summary>
    public static string OffsetField(string topic, int partition) =>
        "o:" + topic + ":" + partition.ToString(CultureInfo.InvariantCulture);

    /// <summary>Member of the seen set for an event id: the first 8 bytes of its SHA-256 (compact, fixed size).</summary>
    public static byte[] SeenMember(string eventId)
    {
        Span<byte> hash = stackalloc byte[32];
        System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(eventId), hash);
        return hash[..8].ToArray();
    }

    private RedisKey UserKey(string userId, string suffix) => _prefix + "{u:" + userId + "}:" + suffix;
}
