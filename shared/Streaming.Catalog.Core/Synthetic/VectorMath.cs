namespace Streaming.Catalog.Core.Synthetic;

internal static class VectorMath
{
    public static float[] Normalize(double[] v)
    {
        var norm = Math.Sqrt(v.Sum(x => x * x));
        var result = new float[v.Length];
        if (norm > 0)
        {
            for (var i = 0; i < v.Length; i++)
            {
                result[i] = (float)(v[i] / norm);
            }
        }
        return result;
    }

    public static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }
        return sum;
    }

    public static double[] Noisy(ReadOnlySpan<float> center, double spread, SeededRandom random)
    {
        // Per-component sd spread/sqrt(d) gives a noise vector of norm ~spread.
        var sd = spread / Math.Sqrt(center.Length);
        var v = new double[center.Length];
        for (var i = 0; i < v.Length; i++)
        {
            v[i] = center[i] + sd * random.Gaussian();
        }
        return v;
    }
}
