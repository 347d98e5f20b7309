namespace Streaming.VectorIndex;

/// <summary>
/// Vectors stored row-major in one contiguous array: row <c>i</c> is
/// <c>Data[i * Dimensions .. (i + 1) * Dimensions]</c>. Indexes share it without copying,
/// so callers must not mutate <see cref="Data"/> once an index is built on it.
/// </summary>
public sealed class VectorMatrix
{
    public VectorMatrix(float[] data, int dimensions, int count)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if ((long)dimensions * count != data.Length)
        {
            throw new ArgumentException(
                $"Data holds {data.Length} floats but {count} x {dimensions} = {(long)dimensions * count} were declared.",
                nameof(data));
        }

        Data = data;
        Dimensions = dimensions;
        Count = count;
    }

    /// <summary>Wraps <paramref name="data"/>, inferring the row count from its length.</summary>
    public VectorMatrix(float[] data, int dimensions)
        : this(data, dimensions, dimensions > 0 && data is not null ? data.Length / dimensions : 0)
    {
    }

    public float[] Data { get; }

    public int Dimensions { get; }

    public int Count { get; }

    public ReadOnlySpan<float> this[int row] => Row(row);

    public ReadOnlySpan<float> Row(int row)
    {
        if ((uint)row >= (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(row), row, $"Row must be in [0, {Count}).");
        }

        return new ReadOnlySpan<float>(Data, row * Dimensions, Dimensions);
    }

    /// <summary>Builds a matrix by copying rows of equal length.</summary>
    public static VectorMatrix FromRows(IReadOnlyList<float[]> rows, int dimensions)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var data = new float[(long)rows.Count * dimensions];
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Length != dimensions)
            {
                throw new ArgumentException($"Row {i} has {rows[i].Length} values, expected {dimensions}.", nameof(rows));
            }

            rows[i].CopyTo(data, (long)i * dimensions);
        }

        return new VectorMatrix(data, dimensions, rows.Count);
    }

    /// <summary>Scales every row to unit length in place (zero rows are left as they are).</summary>
    public void NormalizeRows()
    {
        for (var i = 0; i < Count; i++)
        {
            var row = new Span<float>(Data, i * Dimensions, Dimensions);
            var norm = System.Numerics.Tensors.TensorPrimitives.Norm(row);
            if (norm > 0f)
            {
                System.Numerics.Tensors.TensorPrimitives.Divide(row, norm, row);
            }
        }
    }
}
