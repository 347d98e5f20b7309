using System.Buffers.Binary;

namespace Streaming.TasteStore;

/// <summary>
/// A user's applied event ids as the seen sorted set (<see cref="TasteKeys.Seen"/>) holds them: 8-byte members
/// (<see cref="TasteKeys.SeenMember"/>, read as big-endian so that numeric order is Redis's byte order) scored by
/// event time. <see cref="After"/> applies a write exactly as write-user.lua does, so a copy kept in process
/// answers the same as Redis would.
/// </summary>
public sealed class SeenEvents
{
    public static readonly SeenEvents Empty = new([]);

    private readonly Dictionary<ulong, long> _scores;

    private SeenEvents(Dictionary<ulong, long> scores) => _scores = scores;

    public int Count => _scores.Count;

    /// <summary>From the reply of <c>ZRANGE seen 0 -1 WITHSCORES</c> (member, score, member, score, ...).</summary>
    internal static SeenEvents FromReply(StackExchange.Redis.RedisResult[] flat)
    {
        var scores = new Dictionary<ulong, long>(flat.Length / 2);
        for (var i = 0; i + 1 < flat.Length; i += 2)
        {
            scores[MemberOf((byte[])flat[i]!)] = (long)(double)flat[i + 1];
        }
        return new SeenEvents(scores);
    }

    public bool Contains(string eventId) => _scores.ContainsKey(MemberOf(TasteKeys.SeenMember(eventId)));

    /// <summary>
    /// The set after a write: cleared when <paramref name="eraseFirst"/>, then, when anything is added, ZADD of
    /// <paramref name="added"/>, ZREMRANGEBYSCORE below <paramref name="minScore"/>, and ZREMRANGEBYRANK keeping the
    /// <paramref name="capacity"/> highest (score, member) pairs.
    /// </summary>
    public SeenEvents After(bool eraseFirst, IReadOnlyList<(string EventId, long EventTimeMs)> added, long minScore, int capacity)
    {
        ArgumentNullException.ThrowIfNull(added);
        if (added.Count == 0)
        {
            return eraseFirst ? Empty : this;
        }
        var scores = eraseFirst ? new Dictionary<ulong, long>(added.Count) : new Dictionary<ulong, long>(_scores);
        foreach (var (eventId, timeMs) in added)
        {
            scores[MemberOf(TasteKeys.SeenMember(eventId))] = timeMs;
        }
        foreach (var (member, score) in scores.Where(p => p.Value < minScore).ToList())
        {
            scores.Remove(member);
        }
        if (scores.Count > capacity)
        {
            foreach (var (member, _) in scores.OrderBy(p => p.Value).ThenBy(p => p.Key).Take(scores.Count - capacity).ToList())
            {
                scores.Remove(member);
            }
        }
        return new SeenEvents(scores);
    }

    private static ulong MemberOf(ReadOnlySpan<byte> member) =>
        member.Length == 8 ? BinaryPrimitives.ReadUInt64BigEndian(member) : throw new FormatException($"A seen member has {member.Length} bytes, not 8.");
}
