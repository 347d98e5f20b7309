using System.Diagnostics;
using System.Runtime.InteropServices;
using Streaming.Catalog.Core;
using Streaming.Recommender.Options;
using Streaming.VectorIndex;

namespace Streaming.Recommender.Index;

/// <summary>Builds a <see cref="TrackIndex"/> from a snapshot: exact scan when small, HNSW otherwise.</summary>
public static class TrackIndexBuilder
{
    public const int RecallK = 10;

    /// <param name="maxDegreeOfParallelism">HNSW build threads; -1 = every core (the first build, nothing serves yet).</param>
    public static TrackIndex Build(CatalogSnapshot snapshot, RecommenderOptions options, int maxDegreeOfParallelism = -1, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var (matrix, rowOfId) = Matrix(snapshot);
        var index = VectorIndexFactory.Build(matrix, new VectorIndexOptions
        {
            ExactThreshold = options.ExactThreshold,
            Hnsw = new HnswOptions
            {
                M = options.HnswM,
                EfConstruction = options.HnswEfConstruction,
                EfSearch = options.HnswEfSearch,
                MaxDegreeOfParallelism = maxDegreeOfParallelism,
            },
        }, cancellationToken);
        var buildTime = Stopwatch.GetElapsedTime(started);
        double? recall = index is HnswIndex hnsw && options.RecallSampleQueries > 0
            ? RecallAtK(hnsw, new ExactIndex(matrix), options.RecallSampleQueries, RecallK, seed: StableSeed(snapshot.Version))
            : null;
        return new TrackIndex(snapshot, index, rowOfId, buildTime, recall);
    }

    /// <summary>
    /// The previous index over <paramref name="snapshot"/> when that is an appended version of the previous one
    /// (<see cref="IsAppendedTo"/>): new releases arrive that way and must not cost an HNSW build; else null (build).
    /// </summary>
    public static TrackIndex? TryReuse(TrackIndex? previous, CatalogSnapshot snapshot)
    {
        if (previous is null)
        {
            return null;
        }
        var started = Stopwatch.GetTimestamp();
        return IsAppendedTo(previous.Snapshot, snapshot)
            ? previous.WithAppendedSnapshot(snapshot, Stopwatch.GetElapsedTime(started))
            : null;
    }

    /// <summary>
    /// True when <paramref name="next"/> is <paramref name="previous"/> plus rows without vectors: same space and
    /// dimensions, the previous rows an unchanged prefix (ids, vector flags, vector bytes), every added row vectorless.
    /// Then the indexed rows (only rows with a vector) and their order are identical, so the vector index and its
    /// id-to-row map answer for <paramref name="next"/> exactly as a rebuild would. Compared directly, not by a stored
    /// hash: a 150k x 64 comparison is one pass over 38 MB, and it cannot be fooled by a stale property.
    /// </summary>
    public static bool IsAppendedTo(CatalogSnapshot previous, CatalogSnapshot next)
    {
        if (ReferenceEquals(previous, next))
        {
            return true;
        }
        if (next.SpaceId != previous.SpaceId || next.Dimensions != previous.Dimensions || next.Count < previous.Count
            || next.VectorCount != previous.VectorCount)
        {
            return false;
        }
        var count = previous.Count;
        for (var row = 0; row < count; row++)
        {
            if (!string.Equals(previous.Tracks[row].Id, next.Tracks[row].Id, StringComparison.Ordinal))
            {
                return false;
            }
        }
        if (!previous.HasVectorFlags.SequenceEqual(next.HasVectorFlags[..count]) || next.HasVectorFlags[count..].Contains(true))
        {
            return false;
        }
        // Bytes: the strictest equality and the fastest compare; whatever it refuses costs a rebuild, never a wrong answer.
        var length = count * previous.Dimensions;
        return MemoryMarshal.AsBytes(previous.Vectors).SequenceEqual(MemoryMarshal.AsBytes(next.Vectors[..length]));
    }

    /// <summary>The same sample for the same version in every process (string.GetHashCode is randomised per process).</summary>
    private static int StableSeed(string version) =>
        BitConverter.ToInt32(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(version)));

    /// <summary>
    /// Recall@k of <paramref name="approximate"/> against <paramref name="exact"/> over queries that are
    /// indexed vectors with a little noise (the neighbourhoods users actually query).
    /// </summary>
    public static double RecallAtK(IVectorIndex approximate, IVectorIndex exact, int queries, int k, int seed)
    {
        if (exact.Count == 0 || queries <= 0)
        {
            return 1.0;
        }
        var random = new Random(seed);
        var matrix = exact is ExactIndex e ? e.Vectors : throw new ArgumentException("Exact index expected.", nameof(exact));
        var query = new float[matrix.Dimensions];
        var truth = new Neighbor[k];
        var found = new Neighbor[k];
        long hits = 0, wanted = 0;
        for (var q = 0; q < queries; q++)
        {
            matrix.Row(random.Next(matrix.Count)).CopyTo(query);
            for (var d = 0; d < query.Length; d++)
            {
                query[d] += (float)((random.NextDouble() - 0.5) * 0.2 / Math.Sqrt(query.Length));
            }
            var norm = System.Numerics.Tensors.TensorPrimitives.Norm(query);
            if (norm > 0)
            {
                System.Numerics.Tensors.TensorPrimitives.Divide(query, norm, query);
            }
            var t = exact.Search(query, k, truth);
            var a = approximate.Search(query, k, found);
            var ids = new HashSet<int>(t);
            for (var i = 0; i < t; i++)
            {
                ids.Add(truth[i].Id);
            }
            for (var i = 0; i < a; i++)
            {
                if (ids.Contains(found[i].Id))
                {
                    hits++;
                }
            }
            wanted += t;
        }
        return wanted == 0 ? 1.0 : (double)hits / wanted;
    }

    private static (VectorMatrix Matrix, int[] RowOfId) Matrix(CatalogSnapshot snapshot)
    {
        var dims = snapshot.Dimensions;
        var rows = new int[snapshot.VectorCount];
        var data = new float[(long)rows.Length * dims];
        var all = snapshot.Vectors;
        var id = 0;
        for (var row = 0; row < snapshot.Count; row++)
        {
            if (!snapshot.HasVector(row))
            {
                continue;
            }
            rows[id] = row;
            all.Slice(row * dims, dims).CopyTo(data.AsSpan(id * dims, dims));
            id++;
        }
        return (new VectorMatrix(data, dims, rows.Length), rows);
    }
}
