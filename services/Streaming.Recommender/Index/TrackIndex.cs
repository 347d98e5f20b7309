using Streaming.Catalog.Core;
using Streaming.VectorIndex;

namespace Streaming.Recommender.Index;

/// <summary>
/// The nearest-neighbour index of one catalog snapshot. Only rows with a vector are indexed:
/// <see cref="RowOf"/> maps an index id back to the snapshot row. A request takes one
/// <see cref="TrackIndex"/> and uses its <see cref="Snapshot"/> throughout, so rows never mix versions.
/// </summary>
public sealed class TrackIndex
{
    private readonly int[] _rowOfId;
    private readonly float[] _priors;

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
        MaxLogPopularity = MaxLog(snapshot);
        _priors = Priors(snapshot, MaxLogPopularity);
        _popularRows = new Lazy<int[]>(() => MostPopular(snapshot, PopularCount));
    }

    private const int PopularCount = 1000;

    private readonly Lazy<int[]> _popularRows;

    /// <summary>The most popular rows of the snapshot, best first: the answer while no trending list exists.</summary>
    public IReadOnlyList<int> PopularRows => _popularRows.Value;

    public CatalogSnapshot Snapshot { get; }

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

    /// <summary>log(1 + max popularity): scales the popularity prior to [0, 1].</summary>
    public double MaxLogPopularity { get; }

    public int RowOf(int id) => _rowOfId[id];

    /// <summary>
    /// This vector index over <paramref name="snapshot"/>, a version that only appended rows without vectors: the
    /// indexed rows and their ids are the same, so the id-to-row map is too. Priors and popular rows are the new snapshot's.
    /// </summary>
    internal TrackIndex WithAppendedSnapshot(CatalogSnapshot snapshot, TimeSpan reuseTime) =>
        new(snapshot, Index, _rowOfId, reuseTime, RecallAt10, Version);

    /// <summary>Popularity prior in [0, 1]: <c>log(1 + popularity) / log(1 + max popularity)</c>.</summary>
    public double PopularityPrior(int row) => _priors[row];

    private static int[] MostPopular(CatalogSnapshot snapshot, int count) =>
        Enumerable.Range(0, snapshot.Count)
            .OrderByDescending(r => snapshot.Tracks[r].Popularity)
            .ThenBy(r => r)
            .Take(count)
            .ToArray();

    private static float[] Priors(CatalogSnapshot snapshot, double maxLog)
    {
        var priors = new float[snapshot.Count];
        for (var row = 0; row < priors.Length && maxLog > 0; row++)
        {
            priors[row] = (float)(Math.Log(1 + Math.Max(0, snapshot.Tracks[row].Popularity)) / maxLog);
        }
        return priors;
    }

    private static double MaxLog(CatalogSnapshot snapshot)
    {
        var max = 0;
        foreach (var track in snapshot.Tracks)
        {
            max = Math.Max(max, track.Popularity);
        }
        return Math.Log(1 + max);
    }
}
