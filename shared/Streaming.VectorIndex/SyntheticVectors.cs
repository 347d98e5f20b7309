namespace Streaming.VectorIndex;

/// <summary>
/// Seeded generator of embedding-like test data: a mixture of gaussian clusters on the unit sphere.
/// Cluster centres are random unit vectors with unequal (log-normal) popularity; a point is its centre
/// plus gaussian noise of norm ≈ <see cref="Spread"/>, renormalised. With <see cref="LatentDimensions"/> &gt; 0
/// most of the noise lies in a random per-cluster subspace of that rank (real embeddings have a much
/// lower intrinsic dimension than their width); 0 gives isotropic noise, the hardest case for ANN.
/// Output depends only on the parameters and seeds, never on thread count.
/// </summary>
public sealed class SyntheticVectors
{
    private const int RowsPerChunk = 4096;
    private const float ResidualShare = 0.25f;

    private readonly float[] _centers;
    private readonly double[] _cumulativeWeights;
    private readonly float[]? _bases;

    public SyntheticVectors(int dimensions, int clusters, int seed, float spread = 0.5f, int latentDimensions = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(clusters, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(spread);
        ArgumentOutOfRangeException.ThrowIfNegative(latentDimensions);
        Dimensions = dimensions;
        Clusters = clusters;
        Spread = spread;
        LatentDimensions = latentDimensions >= dimensions ? 0 : latentDimensions;

        var gaussian = new Gaussian(new Random(seed));
        _centers = new float[clusters * dimensions];
        for (var c = 0; c < clusters; c++)
        {
            gaussian.FillUnit(_centers.AsSpan(c * dimensions, dimensions));
        }

        _cumulativeWeights = new double[clusters];
        var total = 0.0;
        for (var c = 0; c < clusters; c++)
        {
            total += Math.Exp(0.75 * gaussian.Next());
            _cumulativeWeights[c] = total;
        }

        for (var c = 0; c < clusters; c++)
        {
            _cumulativeWeights[c] /= total;
        }

        if (LatentDimensions > 0)
        {
            // Unit-norm random directions per cluster; noise = their gaussian mix, so its norm is ≈ 1 before scaling.
            _bases = new float[clusters * LatentDimensions * dimensions];
            for (var b = 0; b < clusters * LatentDimensions; b++)
            {
                gaussian.FillUnit(_bases.AsSpan(b * dimensions, dimensions));
            }
        }
    }

    public int Dimensions { get; }

    public int Clusters { get; }

    public float Spread { get; }

    public int LatentDimensions { get; }

    /// <summary>A typical collection: √count clusters, isotropic noise.</summary>
    public static VectorMatrix Clustered(int count, int dimensions, int seed, int clusters = 0, float spread = 0.5f, int latentDimensions = 0)
    {
        clusters = clusters > 0 ? clusters : Math.Max(1, (int)Math.Sqrt(count));
        return new SyntheticVectors(dimensions, clusters, seed, spread, latentDimensions).Sample(count, unchecked(seed + 1));
    }

    /// <summary>Draws <paramref name="count"/> unit vectors from the mixture (different seeds: different points, same clusters).</summary>
    public VectorMatrix Sample(int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var dims = Dimensions;
        var data = new float[checked(count * dims)];
        var chunks = (count + RowsPerChunk - 1) / RowsPerChunk;
        Parallel.For(0, chunks, chunk =>
        {
            var gaussian = new Gaussian(new Random(unchecked((seed * 1_000_003) + chunk)));
            var noise = new float[dims];
            var latent = new float[Math.Max(1, LatentDimensions)];
            var end = Math.Min(count, (chunk + 1) * RowsPerChunk);
            for (var row = chunk * RowsPerChunk; row < end; row++)
            {
                var vector = data.AsSpan(row * dims, dims);
                var cluster = PickCluster(gaussian.Uniform());
                _centers.AsSpan(cluster * dims, dims).CopyTo(vector);
                AddNoise(cluster, vector, noise, latent, gaussian);
                gaussian.Normalize(vector);
            }
        });

        return new VectorMatrix(data, dims, count);
    }

    private void AddNoise(int cluster, Span<float> vector, Span<float> noise, Span<float> latent, Gaussian gaussian)
    {
        var dims = Dimensions;
        gaussian.Fill(noise);
        if (_bases is null)
        {
            // ||g|| ≈ √dims, so this noise has norm ≈ Spread.
            var scale = Spread / MathF.Sqrt(dims);
            for (var d = 0; d < dims; d++)
            {
                vector[d] += scale * noise[d];
            }

            return;
        }

        var residual = Spread * ResidualShare / MathF.Sqrt(dims);
        for (var d = 0; d < dims; d++)
        {
            vector[d] += residual * noise[d];
        }

        gaussian.Fill(latent);
        var latentScale = Spread * MathF.Sqrt(1 - (ResidualShare * ResidualShare)) / MathF.Sqrt(LatentDimensions);
        for (var j = 0; j < LatentDimensions; j++)
        {
            var direction = _bases.AsSpan(((cluster * LatentDimensions) + j) * dims, dims);
            var weight = latentScale * latent[j];
            for (var d = 0; d < dims; d++)
            {
                vector[d] += weight * direction[d];
            }
        }
    }

    private int PickCluster(double u)
    {
        var index = Array.BinarySearch(_cumulativeWeights, u);
        return Math.Min(index >= 0 ? index : ~index, Clusters - 1);
    }

    /// <summary>Box–Muller normal deviates from a seeded <see cref="Random"/>.</summary>
    private sealed class Gaussian(Random random)
    {
        private double? _spare;

        public double Uniform() => random.NextDouble();

        public double Next()
        {
            if (_spare is { } spare)
            {
                _spare = null;
                return spare;
            }

            var radius = Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble()));
            var angle = 2.0 * Math.PI * random.NextDouble();
            _spare = radius * Math.Sin(angle);
            return radius * Math.Cos(angle);
        }

        public void Fill(Span<float> values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = (float)Next();
            }
        }

        public void FillUnit(Span<float> values)
        {
            Fill(values);
            Normalize(values);
        }

        public void Normalize(Span<float> values)
        {
            var norm = System.Numerics.Tensors.TensorPrimitives.Norm(values);
            if (norm == 0f)
            {
                values.Clear();
                values[0] = 1f;
                return;
            }

            System.Numerics.Tensors.TensorPrimitives.Divide(values, norm, values);
        }
    }
}
