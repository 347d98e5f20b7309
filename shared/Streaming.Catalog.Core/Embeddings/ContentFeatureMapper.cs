using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace Streaming.Catalog.Core.Embeddings;

/// <summary>
/// Places tracks with audio features but too little co-listening: a ridge regression
/// <c>W = (X^T X + lambda I)^-1 X^T V</c> from standardised features (plus intercept) to the
/// co-listening vectors, learned on tracks that have both; predictions are normalised.
/// </summary>
public sealed class ContentFeatureMapper
{
    private readonly double[] _mean;
    private readonly double[] _scale;
    private readonly Matrix<double> _weights;

    private ContentFeatureMapper(double[] mean, double[] scale, Matrix<double> weights, int trainingRows)
    {
        _mean = mean;
        _scale = scale;
        _weights = weights;
        TrainingRows = trainingRows;
    }

    public int TrainingRows { get; }

    public int FeatureCount => _mean.Length;

    public int Dimensions => _weights.ColumnCount;

    /// <summary>Fits on rows that have both features and a vector; null when fewer than 2x the feature count do.</summary>
    public static ContentFeatureMapper? Fit(IReadOnlyList<(float[] Features, float[] Vector)> examples, double lambda)
    {
        if (examples.Count == 0)
        {
            return null;
        }
        var f = examples[0].Features.Length;
        var d = examples[0].Vector.Length;
        if (examples.Count < 2 * (f + 1))
        {
            return null;
        }
        var mean = new double[f];
        var scale = new double[f];
        foreach (var (features, _) in examples)
        {
            for (var k = 0; k < f; k++)
            {
                mean[k] += features[k];
            }
        }
        for (var k = 0; k < f; k++)
        {
            mean[k] /= examples.Count;
        }
        foreach (var (features, _) in examples)
        {
            for (var k = 0; k < f; k++)
            {
                scale[k] += Math.Pow(features[k] - mean[k], 2);
            }
        }
        for (var k = 0; k < f; k++)
        {
            scale[k] = Math.Sqrt(scale[k] / examples.Count);
            scale[k] = scale[k] > 1e-9 ? scale[k] : 1.0;
        }
        var x = DenseMatrix.Create(examples.Count, f + 1, 0);
        var y = DenseMatrix.Create(examples.Count, d, 0);
        for (var r = 0; r < examples.Count; r++)
        {
            var (features, vector) = examples[r];
            for (var k = 0; k < f; k++)
            {
                x[r, k] = (features[k] - mean[k]) / scale[k];
            }
            x[r, f] = 1.0;
            for (var c = 0; c < d; c++)
            {
                y[r, c] = vector[c];
            }
        }
        var gram = x.TransposeThisAndMultiply(x);
        for (var k = 0; k < f; k++)
        {
            gram[k, k] += lambda; // the intercept is not penalised
        }
        var weights = gram.Cholesky().Solve(x.TransposeThisAndMultiply(y));
        return new ContentFeatureMapper(mean, scale, weights, examples.Count);
    }

    /// <summary>Writes the normalised predicted vector; false when it has no length.</summary>
    public bool Predict(ReadOnlySpan<float> features, Span<float> destination)
    {
        for (var c = 0; c < Dimensions; c++)
        {
            var sum = _weights[FeatureCount, c];
            for (var k = 0; k < FeatureCount; k++)
            {
                sum += (features[k] - _mean[k]) / _scale[k] * _weights[k, c];
            }
            destination[c] = (float)sum;
        }
        return CoListeningEmbedding.Normalize(destination);
    }
}
