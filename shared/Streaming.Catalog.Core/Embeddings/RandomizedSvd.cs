using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace Streaming.Catalog.Core.Embeddings;

/// <summary>
/// Randomized truncated SVD of a symmetric sparse matrix (Halko, Martinsson &amp; Tropp 2011,
/// algorithms 4.4 + 5.1): a seeded Gaussian sketch, <c>powerIterations</c> rounds of subspace
/// iteration with QR re-orthonormalisation (MathNet), then the exact SVD of the small projected
/// problem through the eigen-decomposition of <c>(MQ)^T (MQ)</c>.
/// </summary>
public static class RandomizedSvd
{
    /// <summary>Left singular vectors (row-major Size x rank) and singular values, largest first.</summary>
    public sealed record Result(double[] U, double[] SingularValues, int Rows, int Rank);

    public static Result Compute(SparseSymmetricMatrix matrix, int rank, int oversampling = 16, int powerIterations = 3, int seed = 1, Action<string>? progress = null)
    {
        var n = matrix.Size;
        var width = Math.Min(n, rank + oversampling);
        rank = Math.Min(rank, width);
        if (n == 0 || rank < 1)
        {
            throw new ArgumentException("Nothing to decompose: the matrix is empty.");
        }

        var random = new Random(seed);
        var normal = new Normal(0, 1, random);
        var omega = new double[n * width];
        for (var i = 0; i < omega.Length; i++)
        {
            omega[i] = normal.Sample();
        }

        var y = new double[n * width];
        matrix.Multiply(omega, width, y);
        var q = Orthonormalize(y, n, width);
        progress?.Invoke("randomized SVD: sketch orthonormalised");
        for (var iteration = 0; iteration < powerIterations; iteration++)
        {
            matrix.Multiply(q, width, y);
            q = Orthonormalize(y, n, width);
            progress?.Invoke($"randomized SVD: power iteration {iteration + 1}");
        }

        // Z = M Q; B = Q^T M = Z^T (M symmetric); B B^T = Z^T Z = U_B S^2 U_B^T.
        matrix.Multiply(q, width, y);
        var z = Matrix<double>.Build.DenseOfRowMajor(n, width, y);
        var gram = z.TransposeThisAndMultiply(z);
        var evd = gram.Evd(Symmetricity.Symmetric);
        var order = Enumerable.Range(0, width).OrderByDescending(i => evd.EigenValues[i].Real).Take(rank).ToArray();
        var ub = DenseMatrix.Create(width, rank, (r, c) => evd.EigenVectors[r, order[c]]);
        var u = Matrix<double>.Build.DenseOfRowMajor(n, width, q).Multiply(ub);
        var singular = order.Select(i => Math.Sqrt(Math.Max(0, evd.EigenValues[i].Real))).ToArray();
        return new Result(u.ToRowMajorArray(), singular, n, rank);
    }

    /// <summary>
    /// Orthonormal basis of the columns. Tall sketches use CholeskyQR2 (Gram matrix, MathNet Cholesky,
    /// triangular solve; twice for stability) with a parallel row-major Gram; small or ill-conditioned
    /// ones use MathNet's Householder QR.
    /// </summary>
    private static double[] Orthonormalize(double[] rowMajor, int rows, int columns)
    {
        if (rows >= 8 * columns)
        {
            var once = CholeskyQr(rowMajor, rows, columns);
            var twice = once is null ? null : CholeskyQr(once, rows, columns);
            if (twice is not null)
            {
                return twice;
            }
        }
        var qr = Matrix<double>.Build.DenseOfRowMajor(rows, columns, rowMajor).QR(MathNet.Numerics.LinearAlgebra.Factorization.QRMethod.Thin);
        return qr.Q.ToRowMajorArray();
    }

    private const int GramParts = 16;

    private static double[]? CholeskyQr(double[] y, int rows, int columns)
    {
        // Fixed parts, each with its own partial, summed in part order: the same bits on every run and on
        // any core count (a shared accumulator merged as threads finish adds in a different order each run).
        var partials = new double[GramParts][];
        var chunk = (rows + GramParts - 1) / GramParts;
        Parallel.For(0, GramParts, part =>
        {
            var local = new double[columns * columns];
            var end = Math.Min(rows, (part + 1) * chunk);
            for (var r = part * chunk; r < end; r++)
            {
                var row = y.AsSpan(r * columns, columns);
                for (var i = 0; i < columns; i++)
                {
                    var yi = row[i];
                    var target = local.AsSpan(i * columns, columns);
                    for (var j = i; j < columns; j++)
                    {
                        target[j] += yi * row[j];
                    }
                }
            }
            partials[part] = local;
        });
        var gram = new double[columns * columns];
        foreach (var local in partials)
        {
            for (var k = 0; k < gram.Length; k++)
            {
                gram[k] += local[k];
            }
        }
        for (var i = 0; i < columns; i++)
        {
            for (var j = 0; j < i; j++)
            {
                gram[i * columns + j] = gram[j * columns + i];
            }
        }

        double[] lower;
        try
        {
            lower = Matrix<double>.Build.DenseOfRowMajor(columns, columns, gram).Cholesky().Factor.ToRowMajorArray();
        }
        catch (ArgumentException)
        {
            return null; // not positive definite: rank-deficient sketch
        }
        for (var i = 0; i < columns; i++)
        {
            if (!(lower[i * columns + i] > 1e-10 * Math.Sqrt(Math.Abs(gram[i * columns + i]) + 1e-300)))
            {
                return null;
            }
        }

        // Q = Y R^-1 with R = L^T: per row solve L q^T = y^T (forward substitution).
        var q = new double[y.Length];
        Parallel.For(0, rows, r =>
        {
            var source = y.AsSpan(r * columns, columns);
            var target = q.AsSpan(r * columns, columns);
            for (var i = 0; i < columns; i++)
            {
                var sum = source[i];
                var li = lower.AsSpan(i * columns, i);
                for (var k = 0; k < i; k++)
                {
                    sum -= li[k] * target[k];
                }
                target[i] = sum / lower[i * columns + i];
            }
        });
        return q;
    }
}
