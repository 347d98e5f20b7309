using Streaming.VectorIndex;

namespace Streaming.VectorIndex.Tests;

/// <summary>
/// One 20k x 32 clustered collection with its HNSW graph, exact index and ground truth, shared by a test class. The
/// graph is built on one thread, so it is the same graph on every run and machine: the recall thresholds below are
/// then either always met or never (a parallel build's graph depends on thread interleaving).
/// </summary>
public sealed class ClusteredIndexFixture
{
    public const int K = 10;

    public ClusteredIndexFixture()
    {
        (Vectors, Queries) = Data.Clustered(20_000, 32, 200, seed: 1234);
        Options = new HnswOptions { M = 16, EfConstruction = 100, EfSearch = 64, Seed = 99, MaxDegreeOfParallelism = 1 };
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
