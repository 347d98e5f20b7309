using Streaming.Catalog.Core;
using Streaming.Recommender.Index;
using Streaming.Recommender.Options;
using Streaming.Recommender.Tests.Support;
using Streaming.VectorIndex;

namespace Streaming.Recommender.Tests;

/// <summary><see cref="TrackIndexBuilder.TryReuse"/>: an appended version keeps the vector index, anything else rebuilds.</summary>
public sealed class TrackIndexReuseTests
{
    private const string First = "20250101T000000000Z";
    private const string Next = "20250102T000000000Z";

    private static readonly CatalogTrack Release = new("NewRelease000000000001", "Release Artist", "First Single", null, null, 0);

    [Fact]
    public void TryReuse_AppendedVersion_SameVectorIndexOverTheNewSnapshot()
    {
        var previous = Build(WithGaps(First));
        var appended = previous.Snapshot.Append(Next, DateTimeOffset.UtcNow, [Release]);

        var reused = TrackIndexBuilder.TryReuse(previous, appended);

        Assert.NotNull(reused);
        Assert.Same(previous.Index, reused.Index);
        Assert.Same(appended, reused.Snapshot);
        Assert.Equal(First, reused.ReusedFrom);
        Assert.Equal(Next, reused.Version);
        Assert.Equal(previous.Kind, reused.Kind);
        Assert.Equal(0, reused.PopularityPrior(appended.IndexOf(Release.Id)));
    }

    [Fact]
    public void TryReuse_AppendedVersion_AnswersAsARebuildWould()
    {
        // Exact scans: the same vectors give the same answer, so any difference would be the reuse's.
        var previous = Build(WithGaps(First), exact: true);
        var appended = previous.Snapshot.Append(Next, DateTimeOffset.UtcNow, [Release, Release with { Id = "NewRelease000000000002", Title = "Second" }]);
        var reused = TrackIndexBuilder.TryReuse(previous, appended)!;
        var rebuilt = Build(appended, exact: true);

        foreach (var queryRow in new[] { 1, 5, 100, 398 })
        {
            Assert.Equal(Neighbours(rebuilt, appended.VectorOf(queryRow)), Neighbours(reused, appended.VectorOf(queryRow)));
        }
    }

    [Fact]
    public void TryReuse_VectorChanged_Rebuild()
    {
        var previous = Build(WithGaps(First));
        var changed = Modified(previous.Snapshot, (tracks, hasVector, vectors, dims) => vectors[3 * dims + 1] += 0.001f);

        Assert.Null(TrackIndexBuilder.TryReuse(previous, changed));
    }

    [Fact]
    public void TryReuse_IdChanged_Rebuild()
    {
        var previous = Build(WithGaps(First));
        var changed = Modified(previous.Snapshot, (tracks, hasVector, vectors, dims) => tracks[10] = tracks[10] with { Id = "RenamedTrack0000000001" });

        Assert.Null(TrackIndexBuilder.TryReuse(previous, changed));
    }

    [Fact]
    public void TryReuse_VectorFlagChanged_Rebuild()
    {
        var previous = Build(WithGaps(First));
        var changed = Modified(previous.Snapshot, (tracks, hasVector, vectors, dims) =>
        {
            hasVector[2] = false;
            Array.Clear(vectors, 2 * dims, dims);
        });

        Assert.Null(TrackIndexBuilder.TryReuse(previous, changed));
    }

    [Fact]
    public void TryReuse_AppendedRowWithAVector_Rebuild()
    {
        var previous = Build(WithGaps(First));
        var appended = previous.Snapshot.Append(Next, DateTimeOffset.UtcNow, [Release]);
        var withVector = Modified(appended, (tracks, hasVector, vectors, dims) =>
        {
            hasVector[^1] = true;
            vectors[^dims] = 1f;
        });

        Assert.Null(TrackIndexBuilder.TryReuse(previous, withVector));
    }

    [Fact]
    public void TryReuse_SpaceChanged_Rebuild()
    {
        var previous = Build(SyntheticSnapshots.Create(First));

        Assert.Null(TrackIndexBuilder.TryReuse(previous, SyntheticSnapshots.Create(Next, spaceId: "synthetic-42-rebased")));
        Assert.Null(TrackIndexBuilder.TryReuse(previous, SyntheticSnapshots.Create(Next, rotate: true)));
    }

    [Fact]
    public void TryReuse_RowsRemovedOrNoPreviousIndex_Rebuild()
    {
        var previous = Build(SyntheticSnapshots.Create(First));
        var s = previous.Snapshot;
        var fewer = new CatalogSnapshot(Next, s.SpaceId, s.Dimensions, s.CreatedAt, s.Tracks.Take(s.Count - 1).ToArray(),
            s.HasVectorFlags[..^1].ToArray(), s.Vectors[..^s.Dimensions].ToArray());

        Assert.Null(TrackIndexBuilder.TryReuse(previous, fewer));
        Assert.Null(TrackIndexBuilder.TryReuse(null, s));
    }

    /// <summary>HNSW (one thread: deterministic) as for a large catalog, or the exact scan.</summary>
    private static TrackIndex Build(CatalogSnapshot snapshot, bool exact = false) =>
        TrackIndexBuilder.Build(snapshot, new RecommenderOptions { ExactThreshold = exact ? 1_000_000 : 100, RecallSampleQueries = 0 }, maxDegreeOfParallelism: 1);

    /// <summary>The synthetic snapshot with every 7th row vectorless, so index ids and rows differ.</summary>
    private static CatalogSnapshot WithGaps(string version) =>
        Modified(SyntheticSnapshots.Create(version), (tracks, hasVector, vectors, dims) =>
        {
            for (var row = 0; row < hasVector.Length; row += 7)
            {
                hasVector[row] = false;
                Array.Clear(vectors, row * dims, dims);
            }
        }, version);

    private static CatalogSnapshot Modified(CatalogSnapshot s, Action<CatalogTrack[], bool[], float[], int> change, string version = Next)
    {
        var tracks = s.Tracks.ToArray();
        var hasVector = s.HasVectorFlags.ToArray();
        var vectors = s.Vectors.ToArray();
        change(tracks, hasVector, vectors, s.Dimensions);
        return new CatalogSnapshot(version, s.SpaceId, s.Dimensions, s.CreatedAt, tracks, hasVector, vectors, s.Aliases.ToArray(), s.Properties, s.Attachments);
    }

    private static string[] Neighbours(TrackIndex index, ReadOnlySpan<float> query)
    {
        var found = new Neighbor[10];
        var n = index.Index.Search(query, 10, found);
        return found[..n].Select(f => index.Snapshot.Tracks[index.RowOf(f.Id)].Id).ToArray();
    }
}
