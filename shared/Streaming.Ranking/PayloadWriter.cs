using System.Buffers.Binary;
using System.Text;

namespace Streaming.Ranking;

/// <summary>Little-endian append-only buffer for the payload (so its length and checksum can head it).</summary>
internal sealed class PayloadWriter
{
    private byte[] _buffer = new byte[4096];

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, Length);

    public void WriteInt32(int value) => BinaryPrimitives.WriteInt32LittleEndian(Grow(sizeof(int)), value);

    public void WriteSingle(float value) => BinaryPrimitives.WriteSingleLittleEndian(Grow(sizeof(float)), value);

    public void WriteDouble(double value) => BinaryPrimitives.WriteDoubleLittleEndian(Grow(sizeof(double)), value);

    public void WriteString(string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        WriteInt32(length);
        Encoding.UTF8.GetBytes(value, Grow(length));
    }

    public void WriteInt32s(ReadOnlySpan<int> values)
    {
        foreach (var v in values)
        {
            WriteInt32(v);
        }
    }

    public void WriteSingles(ReadOnlySpan<float> values)
    {
        foreach (var v in values)
        {
            WriteSingle(v);
        }
    }

    public void WriteDoubles(ReadOnlySpan<double> values)
    {
        foreach (var v in values)
        {
            WriteDouble(v);
        }
    }

    private Span<byte> Grow(int count)
    {
        if (Length + count > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + count));
        }

        var span = _buffer.AsSpan(Length, count);
        Length += count;
        return span;
    }
}
