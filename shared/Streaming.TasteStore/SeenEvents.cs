using System.Buffers.Binary;

namespace Streaming.TasteStore;

/// <summary>
/// A user's applied event ids, kept in the stored user (<see cref="UserBlob"/>): 8-byte members
/// (<see cref="TasteKeys.SeenMember"/>, read as big-endian) with their event time. <see cref="After"/> is the one rule
/// for a write: the worker's copy in process and what Redis holds are the same bytes.
/// </summary>
public sealed class SeenEvents
{
    public static readonly SeenEvents Empty = new([]);

    private readonly Dictionary<ulong, long> _scores;

    private SeenEvents(Dictionary<ulong, long> scores) => _scores = scores;

    public int Count => _scores.Count;

    /// <summary>Writes the set as <see cref="UserBlob"/> holds it: count, then when any the oldest time and each (member, time - oldest).</summary>
    internal void WriteTo(BinaryWriter w)
    {
        w.Write7BitEncodedInt(_scores.Count);
        if (_scores.Count == 0)
        {
            return;
        }
        var oldest = _scores.Values.Min();
        w.Write7BitEncodedInt64(oldest);
        foreach (var (member, score) in _scores)
        {
            w.Write(member);
            w.Write7BitEncodedInt64(score - oldest);
        }
    }

    internal static SeenEvents ReadFrom(BinaryReader r)
    {
        var count = r.Read7BitEncodedInt();
        if (count == 0)
        {
            return Empty;
        }
        var oldest = r.Read7BitEncodedInt64();
        var scores = new Dictionary<ulong, long>(count);
        for (var i = 0; i < count; i++)
        {
            var member = r.ReadUInt64();
            scores[member] = oldest + r.Read7BitEncodedInt64();
        }
        return new SeenEvents(scores);
    }

    public bool Contains(string eventId) => _scores.ContainsKey(MemberOf(TasteKeys.SeenMember(eventId)));

    /// <summary>
    /// The set after a write: when anything is added, <paramref name="added"/> put in, times below
    /// <paramref name="minScore"/> dropped, and the <paramref name="capacity"/> highest (time, member) pairs kept.
    /// (An erasure starts from <see cref="Empty"/>.)
    /// </summary>
    public SeenEvents After(IReadOnlyList<(string EventId, long EventTimeMs)> added, long minScore, int capacity)
    {
        ArgumentNullException.ThrowIfNull(added);
        if (added.Count == 0)
        {
            return this;
        }
        var scores = new Dictionary<ulong, long>(_scores);
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
