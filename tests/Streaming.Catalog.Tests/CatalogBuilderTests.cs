using Streaming.Catalog.Core;
using Streaming.Catalog.Core.Building;
using Streaming.Catalog.Core.Ingestion;
using Streaming.Catalog.Core.Synthetic;

namespace Streaming.Catalog.Tests;

public class CatalogBuilderTests
{
    [Fact]
    public void Build_Synthetic_NeighboursRecoverPlantedGenres()
    {
        var (catalog, sources) = SyntheticWorlds.Small();
        var result = CatalogBuilder.Build(sources, SyntheticWorlds.Options());
        var snapshot = result.Snapshot;

        Assert.Equal(catalog.Tracks.Count, snapshot.Count);
        var rows = Enumerable.Range(0, snapshot.Count).Where(snapshot.HasVector).ToArray();
        Assert.True(rows.Length > snapshot.Count * 0.95);
        var share = SyntheticWorlds.SameGenreShare(snapshot, rows, _ => true);
        var chance = 1.0 / catalog.GenreNames.Count;
        Assert.True(share > 5 * chance, $"neighbours share the genre {share:0.00} of the time; chance is {chance:0.00}");
        for (var r = 0; r < snapshot.Count; r++)
        {
            var norm = System.Numerics.Tensors.TensorPrimitives.Norm(snapshot.VectorOf(r));
            Assert.Equal(snapshot.HasVector(r) ? 1f : 0f, norm, 3);
        }
    }

    [Fact]
    public void Build_Synthetic_HeldOutNeighboursBeatPopularity()
    {
        var (_, sources) = SyntheticWorlds.Small();
        var holdout = CatalogBuilder.Build(sources, SyntheticWorlds.Options()).Report.Holdout!;
        Assert.Equal(60, holdout.Playlists);
        Assert.True(holdout.NeighbourHitRateAt10 > holdout.PopularityHitRateAt10 + 0.2,
            $"HitRate@10 neighbours {holdout.NeighbourHitRateAt10:0.00} vs popularity {holdout.PopularityHitRateAt10:0.00}");
        Assert.True(holdout.NeighbourRecallAt10 > 2 * holdout.PopularityRecallAt10);
    }

    [Fact]
    public void Build_ScoredPlaysAndHeldOutPlaylistsChanged_VectorsIdentical()
    {
        // No leakage: rewriting what must not train (scored 30% of each user, held-out playlists) changes nothing.
        var (catalog, sources) = SyntheticWorlds.Small();
        var options = SyntheticWorlds.Options();
        var first = CatalogBuilder.Build(sources, options);

        var random = new Random(99);
        var held = first.HoldoutPids.ToHashSet();
        var playlists = sources.Playlists.Select(p => held.Contains(p.Pid)
            ? p with { Tracks = catalog.Tracks.Where(t => p.Tracks.All(x => x.TrackId != t.Id)).OrderBy(_ => random.Next()).Take(p.Tracks.Count)
                .Select(t => new MpdTrack(t.Id, t.Artist, t.Title, t.Album)).ToArray() }
            : p).ToArray();
        var histories = sources.Histories.ToDictionary(h => h.Key, h =>
        {
            var cut = WarmupSplit.WarmupCount(h.Value.Count, options.WarmupFraction);
            return (IReadOnlyList<ListeningPlay>)h.Value.Select((p, i) =>
            {
                if (i < cut)
                {
                    return p;
                }
                var other = catalog.Tracks[random.Next(catalog.Tracks.Count)];
                return p with { TrackId = other.Id, Artist = other.Artist, Title = other.Title, MsPlayed = 200_000 };
            }).ToArray();
        });
        var second = CatalogBuilder.Build(sources with { Playlists = playlists, Histories = histories }, options);

        Assert.Equal(first.HoldoutPids, second.HoldoutPids);
        Assert.Equal(first.Snapshot.Tracks, second.Snapshot.Tracks);
        Assert.Equal(first.Snapshot.Vectors.ToArray(), second.Snapshot.Vectors.ToArray());
    }

    [Fact]
    public void Build_ColdTracks_PlacedByContentFeaturesNearTheirGenre()
    {
        var (catalog, sources) = SyntheticWorlds.Small();
        var cold = catalog.Tracks.Where((_, i) => i % 7 == 3).Select(t => t.Id).ToHashSet();
        var withoutCold = RemoveFromTraining(sources, cold);
        var result = CatalogBuilder.Build(withoutCold, SyntheticWorlds.Options() with { ArtistFallback = false });
        var snapshot = result.Snapshot;

        Assert.Equal(cold.Count, result.Report.ContentFallbackVectors);
        var coldRows = cold.Select(snapshot.IndexOf).ToArray();
        Assert.All(coldRows, r => Assert.True(snapshot.HasVector(r)));
        var share = SyntheticWorlds.SameGenreShare(snapshot, coldRows, r => !cold.Contains(snapshot.Tracks[r].Id));
        var chance = 1.0 / catalog.GenreNames.Count;
        Assert.True(share > 2.5 * chance, $"content-placed neighbours share the genre {share:0.00}; chance {chance:0.00}");
    }

    [Fact]
    public void Build_ColdTracks_ArtistFallbackFirst_AndNoneWithoutData()
    {
        var (catalog, sources) = SyntheticWorlds.Small();
        var cold = catalog.Tracks.Where((_, i) => i % 7 == 3).Select(t => t.Id).ToHashSet();
        var withoutCold = RemoveFromTraining(sources, cold);
        var artist = CatalogBuilder.Build(withoutCold, SyntheticWorlds.Options());
        Assert.Equal(cold.Count, artist.Report.ArtistFallbackVectors);
        var coldRows = cold.Select(artist.Snapshot.IndexOf).ToArray();
        var share = SyntheticWorlds.SameGenreShare(artist.Snapshot, coldRows, r => !cold.Contains(artist.Snapshot.Tracks[r].Id));
        Assert.True(share > 0.5, $"artist-placed neighbours share the genre {share:0.00}");

        var none = CatalogBuilder.Build(withoutCold, SyntheticWorlds.Options() with { ArtistFallback = false, ContentFallback = false });
        Assert.Equal(cold.Count, none.Report.WithoutVector);
        Assert.All(cold, id => Assert.False(none.Snapshot.HasVector(none.Snapshot.IndexOf(id))));
    }

    [Fact]
    public void Build_WithPrevious_AlignsKeepsSpaceId_RebaseDoesNot()
    {
        var (_, sources) = SyntheticWorlds.Small();
        var first = CatalogBuilder.Build(sources, SyntheticWorlds.Options(seed: 1)).Snapshot;
        var aligned = CatalogBuilder.Build(sources, SyntheticWorlds.Options(seed: 2) with { Previous = first });
        var rebased = CatalogBuilder.Build(sources, SyntheticWorlds.Options(seed: 3) with { Previous = first, ForceRebase = true });

        Assert.Equal(first.SpaceId, aligned.Snapshot.SpaceId);
        Assert.Equal(first.Version, aligned.Report.AlignedTo);
        Assert.NotEqual(first.SpaceId, rebased.Snapshot.SpaceId);
        Assert.Null(rebased.Report.AlignedTo);
        var alignedCosine = MeanCosine(first, aligned.Snapshot);
        var rebasedCosine = MeanCosine(first, rebased.Snapshot);
        Assert.True(alignedCosine > 0.9, $"aligned mean cosine {alignedCosine:0.000}");
        Assert.True(rebasedCosine < 0.5, $"unaligned mean cosine {rebasedCosine:0.000}");
    }

    [Fact]
    public void Build_NamesOnlyHistory_MatchesCatalogOrGetsStableNameId()
    {
        var playlists = new[]
        {
            new MpdPlaylist(1, "p", 0, [
                new MpdTrack("0NlyILZaWZ2euUP7JMKgtF", "Tegan and Sara", "Closer", null),
                new MpdTrack("4uV1OGherrLYEGrKsL5UEX", "Tegan and Sara", "Closer - Radio Edit", null),
                new MpdTrack("1R2wGs3SY5uGLmkN2v4ueu", "Morgan Page", "Carry Me", null),
            ]),
        };
        var at = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var histories = new Dictionary<string, IReadOnlyList<ListeningPlay>>
        {
            ["u"] = [
                new ListeningPlay("u", at, null, "TEGAN & SARA", "Closer", 200_000),
                new ListeningPlay("u", at.AddMinutes(4), null, "Unknown Band", "Unreleased Song", 200_000),
            ],
        };
        var result = CatalogBuilder.Build(new CatalogSources(playlists, histories, []), SyntheticWorlds.Options(dims: 2, holdout: 0));
        var snapshot = result.Snapshot;

        // One name, two ids: collapsed onto one row, the other id is an alias.
        Assert.Equal(3, snapshot.Count);
        Assert.Single(snapshot.Aliases);
        Assert.Equal(snapshot.IndexOf("0NlyILZaWZ2euUP7JMKgtF"), snapshot.IndexOf("4uV1OGherrLYEGrKsL5UEX"));
        Assert.Equal(snapshot.IndexOf("0NlyILZaWZ2euUP7JMKgtF"), snapshot.IndexOfName("Tegan and Sara", "Closer"));
        var unknown = snapshot.IndexOf(TrackIdentity.FromNames("unknown band", "unreleased song"));
        Assert.True(unknown >= 0);
        Assert.Equal(1, result.Report.HistoryPlaysMatchedToCatalog);
    }

    private static CatalogSources RemoveFromTraining(CatalogSources sources, HashSet<string> cold) => sources with
    {
        Playlists = sources.Playlists.Select(p => p with { Tracks = p.Tracks.Where(t => !cold.Contains(t.TrackId)).ToArray() }).ToArray(),
        Histories = sources.Histories.ToDictionary(h => h.Key, h => (IReadOnlyList<ListeningPlay>)h.Value.Where(p => !cold.Contains(p.TrackId!)).ToArray()),
    };

    private static double MeanCosine(CatalogSnapshot a, CatalogSnapshot b)
    {
        var sum = 0.0;
        var count = 0;
        for (var r = 0; r < a.Count; r++)
        {
            var other = b.IndexOf(a.Tracks[r].Id);
            if (a.HasVector(r) && other >= 0 && b.HasVector(other))
            {
                sum += System.Numerics.Tensors.TensorPrimitives.Dot(a.VectorOf(r), b.VectorOf(other));
                count++;
            }
        }
        return sum / count;
    }
}
