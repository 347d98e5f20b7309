using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace Streaming.VectorIndex;

/// <summary>
/// Every row as signed 8-bit codes with one scale per row (<c>row ≈ codes * scale</c>, scale = max |x| / 127).
/// A graph walk is bound by cache misses on the rows it scores in random order: a 64-dim row is 256 bytes as
/// floats but one 64-byte cache line as codes, so walking on codes and re-scoring only the final candidates
/// exactly (<see cref="HnswIndex"/>) cuts that traffic about fourfold. The codes live on the pinned object heap
/// with row 0 on a cache-line boundary, so no row straddles an extra line.
/// </summary>
internal sealed class QuantizedRows
{
    private const int CacheLine = 64;

    private readonly sbyte[] _codes;
    private readonly int _origin;

    private QuantizedRows(sbyte[] codes, int origin, float[] scales, int dims)
    {
        _codes = codes;
        _origin = origin;
        Scales = scales;
        Dimensions = dims;
    }

    public int Dimensions { get; }

    public float[] Scales { get; }

    /// <summary>True where the 8-bit kernel runs: AVX2, and rows a whole number of 32-code blocks.</summary>
    public static bool IsSupported(int dims) => Avx2.IsSupported && dims % 32 == 0 && dims <= 4096;

    public static QuantizedRows Create(VectorMatrix vectors)
    {
        var dims = vectors.Dimensions;
        if (!IsSupported(dims))
        {
            throw new PlatformNotSupportedException($"8-bit rows need AVX2 and a width that is a multiple of 32 (got {dims}).");
        }

        var codes = GC.AllocateUninitializedArray<sbyte>(checked((vectors.Count * dims) + CacheLine), pinned: true);
        var origin = AlignedOrigin(codes);
        var scales = new float[vectors.Count];
        for (var row = 0; row < vectors.Count; row++)
        {
            scales[row] = Quantize(vectors.Row(row), codes.AsSpan(origin + (row * dims), dims));
        }

        return new QuantizedRows(codes, origin, scales, dims);
    }

    /// <summary>Writes the codes of <paramref name="vector"/> and returns its scale (0 for a zero vector).</summary>
    public static float Quantize(ReadOnlySpan<float> vector, Span<sbyte> codes)
    {
        var maxAbs = System.Numerics.Tensors.TensorPrimitives.MaxMagnitude(vector);
        maxAbs = Math.Abs(maxAbs);
        if (!(maxAbs > 0f) || !float.IsFinite(maxAbs))
        {
            codes.Clear();
            return 0f;
        }

        var inverse = 127f / maxAbs;
        for (var i = 0; i < vector.Length; i++)
        {
            codes[i] = (sbyte)Math.Clamp(MathF.Round(vector[i] * inverse), -127f, 127f);
        }

        return maxAbs / 127f;
    }

    /// <summary>The query's codes widened to 16 bits (what the multiply-add kernel consumes) and its scale.</summary>
    public static float QuantizeQuery(ReadOnlySpan<float> query, Span<short> widened)
    {
        Span<sbyte> codes = stackalloc sbyte[query.Length];
        var scale = Quantize(query, codes);
        for (var i = 0; i < codes.Length; i++)
        {
            widened[i] = codes[i];
        }

        return scale;
    }

    /// <summary>Reference to the first code of <paramref name="row"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref sbyte RowStart(int row) =>
        ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_codes), _origin + (row * Dimensions));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref float ScaleOf(int row) => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Scales), row);

    private static unsafe int AlignedOrigin(sbyte[] pinned)
    {
        var address = (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(pinned));
        return (int)((CacheLine - (address % CacheLine)) % CacheLine);
    }
}
