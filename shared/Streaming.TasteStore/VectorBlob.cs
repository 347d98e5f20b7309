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
/// 64 dimensions with a 20-character space id take 292 bytes.
/// </summary>
public static class VectorBlob
{
    public const byte FormatFloat32 = 1;
    public const int HeaderLength = 16;
    public const int MaxSpaceIdLength = 64;

    public static int SizeOf(int dimensions, int spaceIdLength) => HeaderLength + spaceIdLength + dimensions * sizeof(float);

    public static byte[] Write(DecayedVector vector)
    {
        ArgumentNullException.ThrowIfNull(vector);
        var spaceLength = Encoding.ASCII.GetByteCount(vector.SpaceId);
        if (spaceLength is < 1 or > MaxSpaceIdLength || vector.Dimensions > ushort.MaxValue)
        {
            throw new ArgumentException($"Space id '{vector.SpaceId}' or {vector.Dimensions} dimensions do not fit the blob format.", nameof(vector));
        }
        var bytes = new byte[SizeOf(vector.Dimensions, spaceLength)];
        var span = bytes.AsSpan();
        span[0] = FormatFloat32;
        span[1] = (byte)spaceLength;
        BinaryPrimitives.WriteUInt16LittleEndian(span[2..], (ushort)vector.Dimensions);
        BinaryPrimitives.WriteInt64LittleEndian(span[4..], vector.ReferenceTimeMs);
        BinaryPrimitives.WriteSingleLittleEndian(span[12..], vector.Mass);
        Encoding.ASCII.GetBytes(vector.SpaceId, span.Slice(HeaderLength, spaceLength));
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
}
