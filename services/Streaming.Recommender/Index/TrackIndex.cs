using Streaming.Catalog.Core;
using Streaming.NextTrack;
using Streaming.NextTrack.Rankers;
using Streaming.VectorIndex;

namespace Streaming.Recommender.Index;

/// <summary>
/// Everything one catalog snapshot needs to answer: its nearest-neighbour index (only rows with a vector are
/// indexed: <see cref="RowOf"/> maps an index id back to the snapshot row), the ranking's view of the catalog and the
/// ranker that came with the snapshot (its learned model, else the hand-weighted blend). A request takes one
/// <see cref="TrackIndex"/> and uses it throughout, so rows, vectors and the model never mix versions; a swap or
/// rollback of the catalog swaps the model with it.
/// </summary>
public sealed class TrackIndex
{
    private readonly int[] _rowOfId;

    public TrackIndex(CatalogSnapshot snapshot, IVectorIndex index, int[] rowOfId, TimeSpan buildTime, double? recallAt10)
        : this(snapshot, index, rowOfId, buildTime, recallAt10, reusedFrom: null)
    {
    }

    private TrackIndex(CatalogSnapshot snapshot, IVectorIndex index, int[] rowOfId, TimeSpan buildTime, double? recallAt10, string? reusedFrom)
    {
        Snapshot = snapshot;
        Index = index;
        _rowOfId = rowOfId;
        BuildTime = buildTime;
        RecallAt10 = recallAt10;
        ReusedFrom = reusedFrom;
        Kind = index is HnswIndex ? "hnsw" : "exact";
        Ranking = new RankingCatalog(snapshot, index, rowOfId);
        (Ranker, RankerProblem) = SnapshotRanker.Of(snapshot);
    }

    /// <summary>The most popular rows of the snapshot, best first: the answer while no trending list exists.</summary>
    public IReadOnlyList<int> PopularRows => Ranking.PopularRows;

    public CatalogSnapshot Snapshot { get; }

    /// <summary>The ranking's view of this snapshot (rows by key, artists, priors, the same vector index).</summary>
    public RankingCatalog Ranking { get; }

    /// <summary>The snapshot's learned ranker, or the blend when it has none (or one this build cannot use).</summary>
    public INextTrackRanker Ranker { get; }

    /// <summary>Why the blend serves although the snapshot has a model (null when the model serves, or there is none).</summary>
    public string? RankerProblem { get; }

    /// <summary>The catalog version whose index this one shares (an appended version), or null when it was built for its own.</summary>
    public string? ReusedFrom { get; }

    public IVectorIndex Index { get; }

    /// <summary><c>exact</c> (SIMD scan) or <c>hnsw</c>.</summary>
    public string Kind { get; }

    /// <summary>Time to build the vector index; for a reused one, the comparison that allowed the reuse.</summary>
    public TimeSpan BuildTime { get; }

    /// <summary>Recall@10 of the approximate index against the exact scan, measured after the build (null for exact).</summary>
    public double? RecallAt10 { get; }

    public string Version => Snapshot.Version;

    public string SpaceId => Snapshot.SpaceId;

    public int Dimensions => Snapshot.Dimensions;

    public int RowOf(int id) => _rowOfId[id];

    /// <summary>
    /// This vector index over <paramref name="snapshot"/>, a version that only appended rows without vectors: the
    /// indexed rows and their ids are the same, so the id-to-row map is too. Priors, popular rows and the ranker are the new snapshot's.
    /// </summary>
    internal TrackIndex WithAppendedSnapshot(CatalogSnapshot snapshot, TimeSpan reuseTime) =>
        new(snapshot, Index, _rowOfId, reuseTime, RecallAt10, Version);

    /// <summary>Popularity prior in [0, 1]: <c>log(1 + popularity) / log(1 + max popularity)</c>.</summary>
    public double PopularityPrior(int row) => Ranking.PopularityPrior(row);
}
