using Streaming.Catalog.Core;
using Streaming.Catalog.Core.Synthetic;

namespace Streaming.Catalog.Tests;

public class SyntheticGeneratorTests
{
    [Fact]
    public void Generate_SameSeed_SameCatalogSessionsAndPlaylists()
    {
        var a = SyntheticCatalog.Generate(new SyntheticCatalogOptions { Seed = 9 });
        var b = SyntheticCatalog.Generate(new SyntheticCatalogOptions { Seed = 9 });
        Assert.Equal(a.Tracks.Select(t => (t.Id, t.Artist, t.Title, t.Genre, t.PopularityWeight)), b.Tracks.Select(t => (t.Id, t.Artist, t.Title, t.Genre, t.PopularityWeight)));
        var sa = SyntheticSessions.Generate(a, new SyntheticSessionOptions { Seed = 3, Users = 20 });
        var sb = SyntheticSessions.Generate(b, new SyntheticSessionOptions { Seed = 3, Users = 20 });
        Assert.Equal(sa.Plays, sb.Plays);
        Assert.Equal(SyntheticPlaylists.Generate(a, 50, 4).SelectMany(p => p.TrackIds), SyntheticPlaylists.Generate(b, 50, 4).SelectMany(p => p.TrackIds));
        var c = SyntheticCatalog.Generate(new SyntheticCatalogOptions { Seed = 10 });
        Assert.NotEqual(a.Tracks[0].Id, c.Tracks[0].Id);
    }

    [Fact]
    public void Generate_Catalog_HasPlantedGenresAndValidUniqueIds()
    {
        var catalog = SyntheticCatalog.Generate(new SyntheticCatalogOptions { Seed = 1, Genres = 6, ArtistsPerGenre = 4, TracksPerArtist = 5 });
        Assert.Equal(120, catalog.Tracks.Count);
        Assert.All(catalog.Tracks, t => Assert.True(TrackIdentity.IsSpotifyId(t.Id)));
        Assert.Equal(120, catalog.Tracks.Select(t => t.Id).Distinct().Count());
        Assert.Equal(120, catalog.Tracks.Select(t => TrackIdentity.NameKey(t.Artist, t.Title)).Distinct().Count());
        // Tracks sit closer to their own genre centre than to any other.
        var own = catalog.Tracks.Count(t =>
            Enumerable.Range(0, 6).MaxBy(g => Dot(t.Latent, catalog.GenreCenters[g])) == t.GenreIndex);
        Assert.True(own > 100, $"only {own} of 120 tracks are nearest their own genre centre");
    }

    [Fact]
    public void Sessions_SkipsRiseWithDistanceFromTaste_AndStayInGenre()
    {
        var catalog = SyntheticCatalog.Generate(new SyntheticCatalogOptions { Seed = 2 });
        var sessions = SyntheticSessions.Generate(catalog, new SyntheticSessionOptions { Seed = 4, Users = 50 });
        var users = sessions.Users.ToDictionary(u => u.UserId);
        var byId = catalog.Tracks.ToDictionary(t => t.Id);
        double Distance(SyntheticPlay p) => 1 - Dot(byId[p.TrackId].Latent, users[p.UserId].Taste);
        var skipped = sessions.Plays.Where(p => p.Skipped).Select(Distance).Average();
        var played = sessions.Plays.Where(p => !p.Skipped).Select(Distance).Average();
        Assert.True(skipped > played + 0.1, $"skipped {skipped:0.00} vs played {played:0.00}");
        Assert.All(sessions.Plays, p => Assert.Equal(p.Skipped, p.MsPlayed < 30_000));
        Assert.True(sessions.Plays.Zip(sessions.Plays.Skip(1)).All(x => x.First.OccurredAt <= x.Second.OccurredAt));

        var sameGenreNext = sessions.Plays.GroupBy(p => p.SessionId)
            .SelectMany(s => s.Zip(s.Skip(1)))
            .Average(x => byId[x.First.TrackId].Genre == byId[x.Second.TrackId].Genre ? 1.0 : 0.0);
        Assert.True(sameGenreNext > 0.7, $"consecutive plays share a genre only {sameGenreNext:0.00} of the time");
    }

    private static double Dot(float[] a, float[] b) => a.Zip(b).Sum(x => (double)x.First * x.Second);
}
