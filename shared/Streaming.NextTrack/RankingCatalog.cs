using System.Collections.Frozen;
using Streaming.Catalog.Core;
using Streaming.TasteMath;
using Streaming.VectorIndex;

namespace Streaming.NextTrack;

/// <summary>
/// What the ranking needs of one catalog version, computed once per version: rows by <see cref="TrackKey"/>
/// (canonical ids and aliases), a dense artist number per row, the popularity prior, and the nearest-neighbour
/// index over the rows that have a vector. Immutable: a request takes one and uses it throughout.
/// </summary>
public sealed class RankingCatalog
{
    private const int PopularCount = 1000;

    private readonly FrozenDictionary<ulong, int> _rowByKey;
    private readonly int[] _artistOf;
    private readonly float[] _prior;
    private readonly int[]? _rowOfIndexId;
    private readonly Lazy<int[]> _popular;

    /// <param name="index">Nearest-neighbour index whose ids map to rows through <paramref name="rowOfIndexId"/>; null: no vector retrieval.</param>
    public RankingCatalog(CatalogSnapshot snapshot, IVectorIndex? index = null, int[]? rowOfIndexId = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if ((index is null) != (rowOfIndexId is null))
        {
            throw new ArgumentException("An index needs its id-to-row map and the other way round.", nameof(rowOfIndexId));
        }
        Snapshot = snapshot;
        Index = index;
        _rowOfIndexId = rowOfIndexId;
        var byKey = new Dictionary<ulong, int>(snapshot.Count + snapshot.Aliases.Count);
        var artists = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        _artistOf = new int[snapshot.Count];
        var maxPopularity = 0;
        for (var row = 0; row < snapshot.Count; row++)
        {
            var track = snapshot.Tracks[row];
            byKey.TryAdd(TrackKey.Of(track.Id), row);
            if (!artists.TryGetValue(track.Artist, out var artist))
            {
                artists[track.Artist] = artist = artists.Count;
            }
            _artistOf[row] = artist;
            maxPopularity = Math.Max(maxPopularity, track.Popularity);
        }
        foreach (var alias in snapshot.Aliases)
        {
            byKey.TryAdd(TrackKey.Of(alias.AliasId), alias.Row);
        }
        _rowByKey = byKey.ToFrozenDictionary();
        ArtistCount = artists.Count;
        _prior = new float[snapshot.Count];
        var maxLog = Math.Log(1 + maxPopularity);
        for (var row = 0; row < _prior.Length && maxLog > 0; row++)
        {
            _prior[row] = (float)(Math.Log(1 + Math.Max(0, snapshot.Tracks[row].Popularity)) / maxLog);
        }
        _popular = new Lazy<int[]>(() => Enumerable.Range(0, snapshot.Count)
            .OrderByDescending(r => snapshot.Tracks[r].Popularity)
            .ThenBy(r => r)
            .Take(PopularCount)
            .ToArray());
    }

    /// <summary>A catalog with its own nearest-neighbour index over the rows that have a vector (exact scan when small, else HNSW).</summary>
    public static RankingCatalog Build(CatalogSnapshot snapshot, VectorIndexOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var (matrix, rowOfId) = VectorRows(snapshot);
        var index = matrix.Count == 0 ? null : VectorIndexFactory.Build(matrix, options, cancellationToken);
        return index is null ? new RankingCatalog(snapshot) : new RankingCatalog(snapshot, index, rowOfId);
    }

    /// <summary>The vectors of the rows that have one, densely numbered, and each number's row.</summary>
    public static (VectorMatrix Matrix, int[] RowOfId) VectorRows(CatalogSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var dims = snapshot.Dimensions;
        var rows = new int[snapshot.VectorCount];
        var data = new float[(long)rows.Length * dims];
        var all = snapshot.Vectors;
        var id = 0;
        for (var row = 0; row < snapshot.Count; row++)
        {
            if (snapshot.HasVector(row))
            {
                rows[id] = row;
                all.Slice(row * dims, dims).CopyTo(data.AsSpan(id * dims, dims));
                id++;
            }
        }
        return (new VectorMatrix(data, dims, rows.Length), rows);
    }

    public CatalogSnapshot Snapshot { get; }

    public IVectorIndex? Index { get; }

    public int Count => Snapshot.Count;

    public int Dimensions => Snapshot.Dimensions;

    public string SpaceId => Snapshot.SpaceId;

    public int ArtistCount { get; }

    /// <summary>The most popular rows, best first (at most 1,000).</summary>
    public IReadOnlyList<int> PopularRows => _popular.Value;

    /// <summary>Row of a track id or alias, or -1.</summary>
    public int RowOf(string trackId) => Snapshot.IndexOf(trackId);

    /// <summary>Row of a <see cref="TrackKey"/>, or -1.</summary>
    public int RowOf(ulong key) => _rowByKey.TryGetValue(key, out var row) ? row : -1;

    public int RowOfIndexId(int id) => _rowOfIndexId![id];

    public int ArtistOf(int row) => _artistOf[row];

    /// <summary>log(1 + popularity) / log(1 + max popularity), in [0, 1].</summary>
    public float PopularityPrior(int row) => _prior[row];

    public bool HasVector(int row) => Snapshot.HasVector(row);

    public ReadOnlySpan<float> VectorOf(int row) => Snapshot.VectorOf(row);
}
