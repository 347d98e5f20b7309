namespace Streaming.VectorIndex;

/// <summary>Exact dot products against the full-precision rows (the build, and searches without codes).</summary>
internal readonly ref struct FloatRowScorer : IRowScorer
{
    private readonly ReadOnlySpan<float> _query;
    private readonly float[] _data;
    private readonly int _dims;

    public FloatRowScorer(ReadOnlySpan<float> query, float[] data, int dims)
    {
        _query = query;
        _data = data;
        _dims = dims;
    }

    public float Score(int id) => VectorMath.Dot(_query, _data, id, _dims);

    public void Prefetch(int id) => VectorMath.Prefetch(_data, id, _dims);
}
