namespace Streaming.Catalog.Core.Embeddings;

/// <summary>
/// Counts symmetric co-listening between rows: two tracks co-occur when they are at most
/// <c>window</c> positions apart in one basket (a playlist or a listening session). Each pair
/// counts once per basket position pair.
/// </summary>
public sealed class CooccurrenceCounter(int rowCount)
{
    private readonly Dictionary<long, float> _pairs = new(PairKeyComparer.Instance);
    private readonly double[] _occurrences = new double[rowCount];

    public int RowCount => rowCount;

    public int PairCount => _pairs.Count;

    /// <summary>Times each row occurred in a basket.</summary>
    public ReadOnlySpan<double> Occurrences => _occurrences;

    public void AddBasket(ReadOnlySpan<int> rows, int window, float weight = 1f)
    {
        for (var a = 0; a < rows.Length; a++)
        {
            var i = rows[a];
            _occurrences[i] += 1;
            var end = Math.Min(rows.Length, a + window + 1);
            for (var b = a + 1; b < end; b++)
            {
                var j = rows[b];
                if (i == j)
                {
                    continue;
                }
                var key = i < j ? ((long)i << 32) | (uint)j : ((long)j << 32) | (uint)i;
                _pairs[key] = _pairs.GetValueOrDefault(key) + weight;
            }
        }
    }

    /// <summary>The upper-triangle pairs (i &lt; j) with their counts.</summary>
    public IEnumerable<(int I, int J, float Count)> Pairs()
    {
        foreach (var (key, count) in _pairs)
        {
            yield return ((int)(key >> 32), (int)(key & 0xffffffff), count);
        }
    }

    /// <summary>long.GetHashCode is hi ^ lo, which collides for every (i, j) with the same i ^ j: mix instead.</summary>
    private sealed class PairKeyComparer : IEqualityComparer<long>
    {
        public static readonly PairKeyComparer Instance = new();

        public bool Equals(long x, long y) => x == y;

        public int GetHashCode(long key) => (int)(((ulong)key * 0x9E3779B97F4A7C15UL) >> 32);
    }
}
