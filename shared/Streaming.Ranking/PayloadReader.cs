using System.Buffers.Binary;
using System.Text;

namespace Streaming.Ranking;

/// <summary>Little-endian cursor over a checksummed payload; every read is bounds-checked into a <see cref="FormatException"/>.</summary>
internal ref struct PayloadReader(ReadOnlySpan<byte> payload)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly ReadOnlySpan<byte> _payload = payload;
    private int _position;

    public readonly int Remaining => _payload.Length - _position;

    public int ReadInt32(string what) => BinaryPrimitives.ReadInt32LittleEndian(Take(sizeof(int), what));

    public float ReadSingle(string what) => BinaryPrimitives.ReadSingleLittleEndian(Take(sizeof(float), what));

    public double ReadDouble(string what) => BinaryPrimitives.ReadDoubleLittleEndian(Take(sizeof(double), what));

    /// <summary>A count of items of <paramref name="itemBytes"/> each, checked against what is left so a bad count cannot allocate.</summary>
    public int ReadCount(string what, int itemBytes)
    {
        var count = ReadInt32(what);
        if (count < 0 || (long)count * itemBytes > Remaining)
        {
            throw new FormatException(
                $"Corrupt tree ensemble model: {what} is {count}, but only {Remaining} payload bytes are left.");
        }

        return count;
    }

    public string ReadString(string what)
    {
        var length = ReadCount($"the byte length of {what}", 1);
        try
        {
            return StrictUtf8.GetString(Take(length, what));
        }
        catch (DecoderFallbackException e)
        {
            throw new FormatException($"Corrupt tree ensemble model: {what} is not valid UTF-8.", e);
        }
    }

    public void ReadInt32s(Span<int> destination, string what)
    {
        var bytes = Take(destination.Length * sizeof(int), what);
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = BinaryPrimitives.ReadInt32LittleEndian(bytes[(i * sizeof(int))..]);
        }
    }

    public void ReadSingles(Span<float> destination, string what)
    {
        var bytes = Take(destination.Length * sizeof(float), what);
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(i * sizeof(float))..]);
        }
    }

    public void ReadDoubles(Span<double> destination, string what)
    {
        var bytes = Take(destination.Length * sizeof(double), what);
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = BinaryPrimitives.ReadDoubleLittleEndian(bytes[(i * sizeof(double))..]);
        }
    }

    private ReadOnlySpan<byte> Take(int count, string what)
    {
        if (count > Remaining)
        {
            throw new FormatException(
                $"Corrupt tree ensemble model: the payload ends inside {what} ({count} bytes needed, {Remaining} left).");
        }

        var slice = _payload.Slice(_position, count);
        _position += count;
        return slice;
    }
}
