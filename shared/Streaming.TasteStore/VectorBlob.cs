using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using Streaming.TasteMath;

namespace Streaming.TasteStore;

/// <summary>
/// Binary form of a <see cref="DecayedVector"/> (little-endian):
/// <code>
/// 0   format       byte    1 = float32 components
/// 1   spaceIdLen   byte    1..64
/// 2   dimensions   uint16
/// 4   referenceMs  int64   unix ms of the newest event folded in
/// 12  mass         float32 decayed sum of |weights|
/// 16  spaceId      ASCII   spaceIdLen bytes
/// ..  components   float32 x dimensions
/// </code>
/// 64 dimensions with a 20-character space id take 292 bytes. The compact format (<see cref="WriteCompact"/>), used in
/// the stored user (<see cref="UserBlob"/>), keeps the same header, then a float32 scale (the largest |component|) after
/// the space id, then each component divided by it as float16: 64 dimensions with a 20-character space id take 168 bytes,
/// each component within 2^-11 of the largest (ranking by cosine does not see it).
/// </summary>
public static class VectorBlob
{
    public const byte FormatFloat32 = 1;
    public const byte FormatScaledFloat16 = 2;
    public const int HeaderLength = 16;
    public const int MaxSpaceIdLength = 64;

    public static int SizeOf(int dimensions, int spaceIdLength) => HeaderLength + spaceIdLength + dimensions * sizeof(float);

    public static int CompactSizeOf(int dimensions, int spaceIdLength) => HeaderLength + spaceIdLength + sizeof(float) + dimensions * 2;

    /// <summary>The compact form: components as float16 of their share of the largest |component| (format 2).</summary>
    public static byte[] WriteCompact(DecayedVector vector)
    {
        ArgumentNullException.ThrowIfNull(vector);
        var spaceLength = CheckedSpaceLength(vector);
        var bytes = new byte[CompactSizeOf(vector.Dimensions, spaceLength)];
        var span = bytes.AsSpan();
        WriteHeader(span, FormatScaledFloat16, vector, spaceLength);
        var scale = 0f;
        foreach (var c in vector.Sum)
        {
            scale = Math.Max(scale, Math.Abs(c));
        }
        var at = HeaderLength + spaceLength;
        BinaryPrimitives.WriteSingleLittleEndian(span[at..], scale);
        at += sizeof(float);
        for (var i = 0; i < vector.Dimensions; i++)
        {
            BinaryPrimitives.WriteHalfLittleEndian(span[(at + 2 * i)..], scale == 0f ? Half.Zero : (Half)(vector.Sum[i] / scale));
        }
        return bytes;
    }

    public static byte[] Write(DecayedVector vector)
    {
        ArgumentNullException.ThrowIfNull(vector);
        var spaceLength = CheckedSpaceLength(vector);
        var bytes = new byte[SizeOf(vector.Dimensions, spaceLength)];
        var span = bytes.AsSpan();
        WriteHeader(span, FormatFloat32, vector, spaceLength);
        var components = span[(HeaderLength + spaceLength)..];
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.AsBytes(vector.Sum.AsSpan()).CopyTo(components);
        }
        else
        {
            for (var i = 0; i < vector.Dimensions; i++)
            {
                BinaryPrimitives.WriteSingleLittleEndian(components[(i * 4)..], vector.Sum[i]);
            }
        }
        return bytes;
    }

    /// <exception cref="FormatException">The bytes are not a vector blob of a known format.</exception>
    public static DecayedVector Read(ReadOnlySpan<byte> blob)
    {
        if (blob.Length >= HeaderLength && blob[0] == FormatScaledFloat16)
        {
            return ReadCompact(blob);
        }
        if (blob.Length < HeaderLength || blob[0] != FormatFloat32)
        {
            throw new FormatException($"Not a taste vector blob (length {blob.Length}, format {(blob.IsEmpty ? -1 : blob[0])}).");
        }
        int spaceLength = blob[1];
        int dimensions = BinaryPrimitives.ReadUInt16LittleEndian(blob[2..]);
        if (spaceLength < 1 || dimensions < 1 || blob.Length != SizeOf(dimensions, spaceLength))
        {
            throw new FormatException($"Taste vector blob of {blob.Length} bytes does not match {dimensions} dimensions and a {spaceLength}-byte space id.");
        }
        var referenceMs = BinaryPrimitives.ReadInt64LittleEndian(blob[4..]);
        var mass = BinaryPrimitives.ReadSingleLittleEndian(blob[12..]);
        var spaceId = Encoding.ASCII.GetString(blob.Slice(HeaderLength, spaceLength));
        var sum = new float[dimensions];
        var components = blob[(HeaderLength + spaceLength)..];
        if (BitConverter.IsLittleEndian)
        {
            components.CopyTo(MemoryMarshal.AsBytes(sum.AsSpan()));
        }
        else
        {
            for (var i = 0; i < dimensions; i++)
            {
                sum[i] = BinaryPrimitives.ReadSingleLittleEndian(components[(i * 4)..]);
            }
        }
        return new DecayedVector(spaceId, sum, referenceMs, mass);
    }

    private static DecayedVector ReadCompact(ReadOnlySpan<byte> blob)
    {
        int spaceLength = blob[1];
        int dimensions = BinaryPrimitives.ReadUInt16LittleEndian(blob[2..]);
        if (spaceLength < 1 || dimensions < 1 || blob.Length != CompactSizeOf(dimensions, spaceLength))
        {
            throw new FormatException($"Compact taste vector blob of {blob.Length} bytes does not match {dimensions} dimensions and a {spaceLength}-byte space id.");
        }
        var at = HeaderLength + spaceLength;
        var scale = BinaryPrimitives.ReadSingleLittleEndian(blob[at..]);
        at += sizeof(float);
        var sum = new float[dimensions];
        for (var i = 0; i < dimensions; i++)
        {
            sum[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(blob[(at + 2 * i)..]) * scale;
        }
        return new DecayedVector(
            Encoding.ASCII.GetString(blob.Slice(HeaderLength, spaceLength)), sum,
            BinaryPrimitives.ReadInt64LittleEndian(blob[4..]), BinaryPrimitives.ReadSingleLittleEndian(blob[12..]));
    }

    private static int CheckedSpaceLength(DecayedVector vector)
    {
        var spaceLength = Encoding.ASCII.GetByteCount(vector.SpaceId);
        if (spaceLength is < 1 or > MaxSpaceIdLength || vector.Dimensions > ushort.MaxValue)
        {
            throw new ArgumentException($"Space id '{vector.SpaceId}' or {vector.Dimensions} dimensions do not fit the blob format.", nameof(vector));
        }
        return spaceLength;
    }

    private static void WriteHeader(Span<byte> span, byte format, DecayedVector vector, int spaceLength)
    {
        span[0] = format;
        span[1] = (byte)spaceLength;
        BinaryPrimitives.WriteUInt16LittleEndian(span[2..], (ushort)vector.Dimensions);
        BinaryPrimitives.WriteInt64LittleEndian(span[4..], vector.ReferenceTimeMs);
        BinaryPrimitives.WriteSingleLittleEndian(span[12..], vector.Mass);
        Encoding.ASCII.GetBytes(vector.SpaceId, span.Slice(HeaderLength, spaceLength));
    }
}
