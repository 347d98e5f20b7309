namespace Streaming.Catalog.Core.Embeddings;

/// <summary>
/// Positive pointwise mutual information of co-listening counts with context-distribution
/// smoothing (Levy, Goldberg &amp; Dagan 2015), applied symmetrically so the matrix stays symmetric:
/// <c>PPMI(i,j) = max(0, log(p(i,j) / (p_a(i) p_a(j))) - log(shift))</c>, where
/// <c>p(i,j) = C(i,j) / sum C</c> and <c>p_a(i) = r(i)^a / sum_k r(k)^a</c> over row sums r.
/// </summary>
public static class PpmiMatrix
{
    public static SparseSymmetricMatrix Build(
        int size, IReadOnlyList<(int I, int J, float Count)> counts, double smoothing = 0.75, double shift = 1.0)
    {
        var rowSums = new double[size];
        var total = 0.0;
        foreach (var (i, j, c) in counts)
        {
            rowSums[i] += c;
            rowSums[j] += c;
            total += 2.0 * c;
        }
        var smoothedTotal = rowSums.Sum(r => Math.Pow(r, smoothing));
        var logSmoothed = rowSums.Select(r => r > 0 ? smoothing * Math.Log(r) - Math.Log(smoothedTotal) : 0.0).ToArray();
        var logTotal = Math.Log(total);
        var logShift = Math.Log(shift);
        var entries = new List<(int, int, float)>(counts.Count);
        foreach (var (i, j, c) in counts)
        {
            var pmi = Math.Log(c) - logTotal - logSmoothed[i] - logSmoothed[j] - logShift;
            if (pmi > 0)
            {
                entries.Add((i, j, (float)pmi));
            }
        }
        return SparseSymmetricMatrix.FromUpperTriangle(size, entries);
    }
}
