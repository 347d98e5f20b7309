using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Streaming.VectorIndex;

/// <summary>
/// Approximate dot products on 8-bit codes: the integer dot of query and row codes (AVX2 multiply-add of
/// 16-bit lanes, exact in 32-bit sums) times both scales. Good enough to steer a walk; final candidates are
/// re-scored on the float rows.
/// </summary>
internal readonly ref struct QuantizedRowScorer : IRowScorer
{
    private readonly QuantizedRows _rows;
    private readonly ReadOnlySpan<short> _query;
    private readonly float _queryScale;

    public QuantizedRowScorer(QuantizedRows rows, ReadOnlySpan<short> widenedQuery, float queryScale)
    {
        _rows = rows;
        _query = widenedQuery;
        _queryScale = queryScale;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Score(int id)
    {
        ref var row = ref _rows.RowStart(id);
        ref var query = ref MemoryMarshal.GetReference(_query);
        var acc0 = Vector256<int>.Zero;
        var acc1 = Vector256<int>.Zero;
        for (nuint i = 0; i < (nuint)_query.Length; i += 32)
        {
            var codes = Vector256.LoadUnsafe(ref row, i);
            var (low, high) = Vector256.Widen(codes);
            acc0 += Avx2.MultiplyAddAdjacent(low, Vector256.LoadUnsafe(ref query, i));
            acc1 += Avx2.MultiplyAddAdjacent(high, Vector256.LoadUnsafe(ref query, i + 16));
        }

        return Vector256.Sum(acc0 + acc1) * _queryScale * _rows.ScaleOf(id);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public unsafe void Prefetch(int id)
    {
        Sse.Prefetch0(Unsafe.AsPointer(ref _rows.ScaleOf(id)));
        var address = (byte*)Unsafe.AsPointer(ref _rows.RowStart(id));
        Sse.Prefetch0(address);
        for (var line = 64; line < _rows.Dimensions; line += 64)
        {
            Sse.Prefetch0(address + line);
        }
    }
}
