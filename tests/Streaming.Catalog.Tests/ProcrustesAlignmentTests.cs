using MathNet.Numerics.LinearAlgebra;
using Streaming.Catalog.Core.Embeddings;

namespace Streaming.Catalog.Tests;

public class ProcrustesAlignmentTests
{
    [Fact]
    public void Fit_RotatedNoisySpace_RecoversTheRotation()
    {
        const int rows = 300, dims = 16;
        var random = new Random(7);
        var target = new float[rows * dims];
        for (var r = 0; r < rows; r++)
        {
            var row = target.AsSpan(r * dims, dims);
            for (var d = 0; d < dims; d++)
            {
                row[d] = (float)(random.NextDouble() * 2 - 1);
            }
            CoListeningEmbedding.Normalize(row);
        }
        // A random orthogonal matrix (Q of a Gaussian matrix), applied to get the "retrained" space.
        var q = Matrix<double>.Build.Random(dims, dims, new MathNet.Numerics.Distributions.Normal(0, 1, new Random(3))).QR().Q.ToRowMajorArray();
        var source = (float[])target.Clone();
        ProcrustesAlignment.Apply(source, dims, q);
        for (var i = 0; i < source.Length; i++)
        {
            source[i] += (float)((random.NextDouble() - 0.5) * 0.02);
        }

        var pairs = Enumerable.Range(0, rows).Select(r => (r, r)).ToList();
        var fit = ProcrustesAlignment.Fit(source, target, dims, pairs);
        Assert.True(fit.MeanCosineBefore < 0.5, $"before {fit.MeanCosineBefore:0.000}");
        Assert.True(fit.MeanCosineAfter > 0.99, $"after {fit.MeanCosineAfter:0.000}");

        // The rotation is orthogonal: norms and dot products inside the new space are kept.
        var aligned = (float[])source.Clone();
        ProcrustesAlignment.Apply(aligned, dims, fit.Rotation);
        var before = System.Numerics.Tensors.TensorPrimitives.Dot(source.AsSpan(0, dims), source.AsSpan(dims, dims));
        var after = System.Numerics.Tensors.TensorPrimitives.Dot(aligned.AsSpan(0, dims), aligned.AsSpan(dims, dims));
        Assert.Equal(before, after, 4);
    }
}
