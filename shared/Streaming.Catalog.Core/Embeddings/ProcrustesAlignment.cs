using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace Streaming.Catalog.Core.Embeddings;

/// <summary>
/// Orthogonal Procrustes: the rotation R minimising ||A R - B|| over the tracks both spaces
/// share (Schönemann 1966): with <c>A^T B = U S V^T</c>, <c>R = U V^T</c>. Rotating a retrained
/// space onto the previous one keeps dot products inside the new space intact and keeps stored
/// user vectors (built in the previous basis) meaningful.
/// </summary>
public static class ProcrustesAlignment
{
    /// <summary>The rotation (row-major d x d) and the mean cosine of shared rows after rotating.</summary>
    public sealed record Result(double[] Rotation, int Dimensions, int SharedRows, double MeanCosineBefore, double MeanCosineAfter);

    /// <param name="source">The new space, row-major (rows x d).</param>
    /// <param name="target">The previous space, same row order for the shared pairs.</param>
    /// <param name="pairs">(source row, target row) of tracks present in both with vectors.</param>
    public static Result Fit(ReadOnlySpan<float> source, ReadOnlySpan<float> target, int dimensions, IReadOnlyList<(int Source, int Target)> pairs)
    {
        if (pairs.Count == 0)
        {
            throw new ArgumentException("Procrustes alignment needs at least one shared row.", nameof(pairs));
        }
        var cross = new double[dimensions * dimensions];
        var before = 0.0;
        foreach (var (s, t) in pairs)
        {
            var a = source.Slice(s * dimensions, dimensions);
            var b = target.Slice(t * dimensions, dimensions);
            for (var i = 0; i < dimensions; i++)
            {
                var ai = (double)a[i];
                before += ai * b[i];
                for (var j = 0; j < dimensions; j++)
                {
                    cross[i * dimensions + j] += ai * b[j];
                }
            }
        }
        var svd = Matrix<double>.Build.DenseOfRowMajor(dimensions, dimensions, cross).Svd(computeVectors: true);
        var rotation = svd.U.Multiply(svd.VT).ToRowMajorArray();

        var after = 0.0;
        var rotated = new float[dimensions];
        foreach (var (s, t) in pairs)
        {
            Rotate(source.Slice(s * dimensions, dimensions), rotation, rotated);
            var b = target.Slice(t * dimensions, dimensions);
            for (var i = 0; i < dimensions; i++)
            {
                after += rotated[i] * b[i];
            }
        }
        return new Result(rotation, dimensions, pairs.Count, before / pairs.Count, after / pairs.Count);
    }

    /// <summary>destination = vector x R (row vector times rotation).</summary>
    public static void Rotate(ReadOnlySpan<float> vector, double[] rotation, Span<float> destination)
    {
        var d = vector.Length;
        for (var j = 0; j < d; j++)
        {
            var sum = 0.0;
            for (var i = 0; i < d; i++)
            {
                sum += vector[i] * rotation[i * d + j];
            }
            destination[j] = (float)sum;
        }
    }

    /// <summary>Rotates every row in place (rows stay unit norm: R is orthogonal).</summary>
    public static void Apply(Span<float> vectors, int dimensions, double[] rotation)
    {
        var buffer = new float[dimensions];
        for (var offset = 0; offset < vectors.Length; offset += dimensions)
        {
            var row = vectors.Slice(offset, dimensions);
            Rotate(row, rotation, buffer);
            buffer.CopyTo(row);
        }
    }
}
