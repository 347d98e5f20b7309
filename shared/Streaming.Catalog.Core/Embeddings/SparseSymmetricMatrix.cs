namespace Streaming.Catalog.Core.Embeddings;

/// <summary>A symmetric sparse matrix in CSR form (both triangles stored) with a parallel dense product.</summary>
public sealed class SparseSymmetricMatrix
{
    private readonly int[] _rowStart;
    private readonly int[] _columns;
    private readonly float[] _values;

    private SparseSymmetricMatrix(int size, int[] rowStart, int[] columns, float[] values)
    {
        Size = size;
        _rowStart = rowStart;
        _columns = columns;
        _values = values;
    }

    public int Size { get; }

    public long NonZeros => _values.LongLength;

    public int RowNonZeros(int row) => _rowStart[row + 1] - _rowStart[row];

    /// <summary>Builds from upper-triangle entries (i &lt; j); each is mirrored.</summary>
    public static SparseSymmetricMatrix FromUpperTriangle(int size, IReadOnlyList<(int I, int J, float Value)> entries)
    {
        var counts = new int[size + 1];
        foreach (var (i, j, _) in entries)
        {
            counts[i + 1]++;
            counts[j + 1]++;
        }
        for (var r = 0; r < size; r++)
        {
            counts[r + 1] += counts[r];
        }
        var columns = new int[counts[size]];
        var values = new float[counts[size]];
        var cursor = (int[])counts.Clone();
        foreach (var (i, j, v) in entries)
        {
            columns[cursor[i]] = j;
            values[cursor[i]++] = v;
            columns[cursor[j]] = i;
            values[cursor[j]++] = v;
        }
        return new SparseSymmetricMatrix(size, counts, columns, values);
    }

    /// <summary>result (Size x width, row-major) = this x dense (Size x width, row-major).</summary>
    public void Multiply(double[] dense, int width, double[] result)
    {
        Parallel.For(0, Size, row =>
        {
            var target = result.AsSpan(row * width, width);
            target.Clear();
            for (var k = _rowStart[row]; k < _rowStart[row + 1]; k++)
            {
                var value = (double)_values[k];
                var source = dense.AsSpan(_columns[k] * width, width);
                for (var c = 0; c < width; c++)
                {
                    target[c] += value * source[c];
                }
            }
        });
    }
}
