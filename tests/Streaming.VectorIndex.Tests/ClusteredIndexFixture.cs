using Streaming.VectorIndex;

namespace Streaming.VectorIndex.Tests;

/// <summary>One 20k x 32 clustered collection with its HNSW graph (parallel build), exact index and ground truth, shared by a test class.</summary>
public sealed class ClusteredIndexFixture
{
    public const int K = 10;

    public ClusteredIndexFixture()
    {
        (Vectors, Queries) = Data.Clustered(20_000, 32, 200, seed: 1234);
        Options = new HnswOptions { M = 16, EfConstruction = 100, EfSearch = 64, Seed = 99 };
        Hnsw = HnswIndex.Build(Vectors, Options);
        Exact = new ExactIndex(Vectors);
        Truth = Enumerable.Range(0, Queries.Count).Select(q => Exact.Search(Queries.Row(q), K)).ToArray();
    }

    public VectorMatrix Vectors { get; }

    public VectorMatrix Queries { get; }

    public HnswOptions Options { get; }

    public HnswIndex Hnsw { get; }

    public ExactIndex Exact { get; }

    public Neighbor[][] Truth { get; }
}
