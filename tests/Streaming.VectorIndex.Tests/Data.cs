using Streaming.VectorIndex;

namespace Streaming.VectorIndex.Tests;

/// <summary>Seeded test collections: clustered unit vectors plus held-out queries from the same clusters.</summary>
internal static class Data
{
    public static (VectorMatrix Vectors, VectorMatrix Queries) Clustered(int count, int dims, int queries, int seed, int clusters = 0)
    {
        var generator = new SyntheticVectors(dims, clusters > 0 ? clusters : Math.Max(1, (int)Math.Sqrt(count)), seed);
        return (generator.Sample(count, seed + 1), generator.Sample(queries, seed + 2));
    }

    public static float[] Row(VectorMatrix matrix, int row) => matrix.Row(row).ToArray();
}
