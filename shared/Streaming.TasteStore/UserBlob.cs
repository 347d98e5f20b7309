using System.Buffers.Binary;
using System.Text;
using Streaming.TasteMath;

namespace Streaming.TasteStore;

/// <summary>
/// Everything the worker folds from and the recommender reads about a user, as one STRING (<see cref="TasteKeys.User"/>),
/// so a batch writes a user with one <c>SET</c> and a reader gets it with one <c>GET</c>. Little-endian; "varint" is .NET's
/// 7-bit encoding, "string" a varint byte length then UTF-8:
/// <code>
/// 0   format      byte     2
/// 1   sequence    int64    write sequence at a fixed place: write-user.lua compares these 8 bytes (the fence)
/// 9   present     uint16   bit per optional value below, in order (<see cref="Present"/>)
/// 11  playCount, sessionPlays                   varint
///     sessionLastMs, lastEventMs                varint, when present
///     sessionId, nowPlaying, previousPlay, lastEventId   string, when present
///     sessionTracks (oldest first), recent (newest first), sessionSkips    varint count, then strings
///     offsets     varint count, then (string field, varint offset)
///     seen        varint count, then when > 0: varint base ms, count x (uint64 member, varint ms - base)
///     longTerm, session                         varint length, then a compact <see cref="VectorBlob"/>, when present
///     history     the rest: a <see cref="HistoryBlob"/>, or nothing
/// </code>
/// A user with a few plays takes ~600 bytes; the heavy bound is the history's (24 bytes per track, capped by the fold).
/// </summary>
public static class UserBlob
{
    public const byte Format = 2;

    /// <summary>Bytes 1..8: the sequence, where the write script reads it (GETRANGE 1 8).</summary>
    public const int SequenceOffset = 1;

    [Flags]
    private enum Present : ushort
    {
        None = 0,
        SessionLast = 1,
        LastEvent = 2,
        SessionId = 4,
        NowPlaying = 8,
        PreviousPlay = 16,
        LastEventId = 32,
        LongTerm = 64,
        Session = 128,
    }

    /// <summary>The sequence as the write script compares it: its 8 stored bytes, or empty for a user never written (0).</summary>
    public static byte[] SequenceBytes(long sequence)
    {
        if (sequence == 0)
        {
            return [];
        }
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, sequence);
        return bytes;
    }

    public static byte[] Write(StoredUserState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var taste = state.Taste;
        using var stream = new MemoryStream(256 + 24 * taste.History.Count);
        using var w = new BinaryWriter(stream, Encoding.UTF8);
        w.Write(Format);
        w.Write(state.Sequence);
        var present = Present.None;
        if (taste.SessionLastMs is not null) present |= Present.SessionLast;
        if (taste.LastEventMs is not null) present |= Present.LastEvent;
        if (taste.SessionId is not null) present |= Present.SessionId;
        if (taste.NowPlaying is not null) present |= Present.NowPlaying;
        if (taste.PreviousPlay is not null) present |= Present.PreviousPlay;
        if (state.LastEventId is not null) present |= Present.LastEventId;
        if (taste.LongTerm is { IsEmpty: false }) present |= Present.LongTerm;
        if (taste.Session is { IsEmpty: false }) present |= Present.Session;
        w.Write((ushort)present);
        w.Write7BitEncodedInt64(taste.PlayCount);
        w.Write7BitEncodedInt(taste.SessionPlays);
        if (taste.SessionLastMs is { } sessionLast) w.Write7BitEncodedInt64(sessionLast);
        if (taste.LastEventMs is { } lastEvent) w.Write7BitEncodedInt64(lastEvent);
        if (taste.SessionId is { } sessionId) w.Write(sessionId);
        if (taste.NowPlaying is { } nowPlaying) w.Write(nowPlaying);
        if (taste.PreviousPlay is { } previousPlay) w.Write(previousPlay);
        if (state.LastEventId is { } lastEventId) w.Write(lastEventId);
        WriteStrings(w, taste.SessionTracks);
        WriteStrings(w, state.Recent);
        WriteStrings(w, state.SessionSkips);
        w.Write7BitEncodedInt(state.Offsets.Count);
        foreach (var (field, offset) in state.Offsets)
        {
            w.Write(field);
            w.Write7BitEncodedInt64(offset);
        }
        state.Seen.WriteTo(w);
        if (taste.LongTerm is { IsEmpty: false } longTerm) WriteVector(w, longTerm);
        if (taste.Session is { IsEmpty: false } session) WriteVector(w, session);
        if (taste.History.Count > 0)
        {
            w.Write(HistoryBlob.Write(taste.History));
        }
        w.Flush();
        return stream.ToArray();
    }

    /// <summary>The stored user, with <see cref="StoredUserState.AlreadyApplied"/> empty.</summary>
    /// <exception cref="FormatException">The bytes are not a user blob of a known format.</exception>
    public static StoredUserState Read(string userId, byte[] blob) => Parse(userId, blob, int.MaxValue, parseHistory: true, out _);

    /// <summary>What a reader needs, the recent history cut to <paramref name="recentCount"/>.</summary>
    /// <exception cref="FormatException">The bytes are not a user blob of a known format.</exception>
    public static UserContext ReadContext(string userId, byte[] blob, int recentCount)
    {
        var state = Parse(userId, blob, recentCount, parseHistory: false, out var history);
        var taste = state.Taste;
        return new UserContext(
            userId,
            LongTerm: taste.LongTerm,
            Session: taste.Session,
            SessionId: taste.SessionId,
            SessionLastEventAt: Time(taste.SessionLastMs),
            LastEventAt: Time(taste.LastEventMs),
            NowPlaying: taste.NowPlaying,
            RecentTrackIds: state.Recent,
            SessionSkippedTrackIds: state.SessionSkips)
        {
            LastAppliedEventId = state.LastEventId,
            SessionPlays = taste.SessionPlays,
            HistoryBlob = history.IsEmpty ? null : history.ToArray(),
        };
    }

    /// <summary>
    /// Parses the blob, keeping the first <paramref name="recentCount"/> recent tracks; the history is left as bytes in
    /// <paramref name="history"/> and parsed into the taste only when <paramref name="parseHistory"/> (the worker's read:
    /// readers parse it lazily).
    /// </summary>
    private static StoredUserState Parse(string userId, byte[] blob, int recentCount, bool parseHistory, out ReadOnlyMemory<byte> history)
    {
        if (blob.Length < 11 || blob[0] != Format)
        {
            throw new FormatException($"Not a user blob (length {blob.Length}, format {(blob.Length == 0 ? -1 : blob[0])}).");
        }
        try
        {
            using var stream = new MemoryStream(blob, writable: false);
            using var r = new BinaryReader(stream, Encoding.UTF8);
            r.ReadByte();
            var sequence = r.ReadInt64();
            var present = (Present)r.ReadUInt16();
            var taste = new UserTaste
            {
                PlayCount = r.Read7BitEncodedInt64(),
                SessionPlays = r.Read7BitEncodedInt(),
            };
            taste.SessionLastMs = present.HasFlag(Present.SessionLast) ? r.Read7BitEncodedInt64() : null;
            taste.LastEventMs = present.HasFlag(Present.LastEvent) ? r.Read7BitEncodedInt64() : null;
            taste.SessionId = present.HasFlag(Present.SessionId) ? r.ReadString() : null;
            taste.NowPlaying = present.HasFlag(Present.NowPlaying) ? r.ReadString() : null;
            taste.PreviousPlay = present.HasFlag(Present.PreviousPlay) ? r.ReadString() : null;
            var lastEventId = present.HasFlag(Present.LastEventId) ? r.ReadString() : null;
            taste.SessionTracks = ReadStrings(r, int.MaxValue);
            var recent = ReadStrings(r, recentCount);
            var skips = ReadStrings(r, int.MaxValue);
            var offsetCount = r.Read7BitEncodedInt();
            var offsets = new Dictionary<string, long>(offsetCount, StringComparer.Ordinal);
            for (var i = 0; i < offsetCount; i++)
            {
                offsets[r.ReadString()] = r.Read7BitEncodedInt64();
            }
            var seen = SeenEvents.ReadFrom(r);
            taste.LongTerm = present.HasFlag(Present.LongTerm) ? ReadVector(r) : null;
            taste.Session = present.HasFlag(Present.Session) ? ReadVector(r) : null;
            history = blob.AsMemory((int)stream.Position);
            if (parseHistory && !history.IsEmpty)
            {
                taste.History = HistoryBlob.Read(history.Span);
            }
            return new StoredUserState(userId, sequence, taste, [], seen)
            {
                Recent = recent,
                SessionSkips = skips,
                Offsets = offsets,
                LastEventId = lastEventId,
            };
        }
        catch (EndOfStreamException ex)
        {
            throw new FormatException($"User blob of {blob.Length} bytes is truncated.", ex);
        }
    }

    private static void WriteStrings(BinaryWriter w, IReadOnlyList<string> values)
    {
        w.Write7BitEncodedInt(values.Count);
        foreach (var value in values)
        {
            w.Write(value);
        }
    }

    /// <summary>Reads a string list, keeping its first <paramref name="keep"/> (the rest are read past).</summary>
    private static List<string> ReadStrings(BinaryReader r, int keep)
    {
        var count = r.Read7BitEncodedInt();
        var values = new List<string>(Math.Min(count, keep));
        for (var i = 0; i < count; i++)
        {
            var value = r.ReadString();
            if (i < keep)
            {
                values.Add(value);
            }
        }
        return values;
    }

    private static void WriteVector(BinaryWriter w, DecayedVector vector)
    {
        var bytes = VectorBlob.WriteCompact(vector);
        w.Write7BitEncodedInt(bytes.Length);
        w.Write(bytes);
    }

    private static DecayedVector ReadVector(BinaryReader r)
    {
        var length = r.Read7BitEncodedInt();
        return VectorBlob.Read(r.ReadBytes(length));
    }

    private static DateTimeOffset? Time(long? ms) => ms is { } v ? DateTimeOffset.FromUnixTimeMilliseconds(v) : null;
}
