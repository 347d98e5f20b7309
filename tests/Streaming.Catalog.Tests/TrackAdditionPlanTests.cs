using Streaming.Catalog.Additions;
using Streaming.Catalog.Core;

namespace Streaming.Catalog.Tests;

public class TrackAdditionPlanTests
{
    private static readonly CatalogSnapshot Catalog = TestSnapshots.Create("20250101T000000000Z");

    [Fact]
    public void Create_KnownIdOrAlias_AlreadyPresentWithCanonicalId()
    {
        var plan = TrackAdditionPlan.Create(Catalog, [Track(TestSnapshots.Ids[0], "x", "y"), Track(TestSnapshots.Ids[2], "x", "z")]);

        Assert.False(plan.ChangesCatalog);
        Assert.Equal([TrackAdditionStatus.AlreadyPresent, TrackAdditionStatus.AlreadyPresent], plan.Results.Select(r => r.Status));
        Assert.Equal([TestSnapshots.Ids[0], TestSnapshots.Ids[1]], plan.Results.Select(r => r.CanonicalId));
    }

    [Fact]
    public void Create_NewIdWithTheNamesOfACatalogTrack_AliasOfThatRow()
    {
        var plan = TrackAdditionPlan.Create(Catalog, [Track("5vNRhkKd0yEAg8suGBpjeY", "Morgan Page", "Carry Me (Radio Edit)")]);

        Assert.Empty(plan.Rows);
        Assert.Equal([new TrackAlias("5vNRhkKd0yEAg8suGBpjeY", 1)], plan.Aliases);
        Assert.Equal(TrackAdditionStatus.Aliased, plan.Results[0].Status);
        Assert.Equal(TestSnapshots.Ids[1], plan.Results[0].CanonicalId);
    }

    [Fact]
    public void Create_TwoNewIdsOfOneNewName_OneRowSpotifyIdCanonicalOtherAlias()
    {
        var nameId = TrackIdentity.FromNames("Chappell Roan", "Good Luck, Babe!");
        var plan = TrackAdditionPlan.Create(Catalog,
            [Track(nameId, "Chappell Roan", "Good Luck, Babe!"), Track("0WbMK4wrZ1wFSty9F7FCgu", "CHAPPELL ROAN", "Good Luck, Babe! (Explicit)")]);

        var row = Assert.Single(plan.Rows);
        Assert.Equal("0WbMK4wrZ1wFSty9F7FCgu", row.Id);
        Assert.Equal([new TrackAlias(nameId, Catalog.Count)], plan.Aliases);
        Assert.Equal([TrackAdditionStatus.Aliased, TrackAdditionStatus.Added], plan.Results.Select(r => r.Status));
        Assert.All(plan.Results, r => Assert.Equal("0WbMK4wrZ1wFSty9F7FCgu", r.CanonicalId));
    }

    [Fact]
    public void Create_SameBatchOnTheVersionItProduced_NothingChanges()
    {
        IReadOnlyList<CatalogTrack> batch =
        [
            Track("0WbMK4wrZ1wFSty9F7FCgu", "Chappell Roan", "Good Luck, Babe!"),
            Track("5vNRhkKd0yEAg8suGBpjeY", "Morgan Page", "Carry Me"),
            Track(TestSnapshots.Ids[0], "Tegan and Sara", "Back In Your Head"),
        ];
        var first = TrackAdditionPlan.Create(Catalog, batch);
        var appended = Catalog.Append("20250101T000000001Z", DateTimeOffset.UnixEpoch, first.Rows, first.Aliases);

        var second = TrackAdditionPlan.Create(appended, batch);

        Assert.Equal([TrackAdditionStatus.Added, TrackAdditionStatus.Aliased, TrackAdditionStatus.AlreadyPresent], first.Results.Select(r => r.Status));
        Assert.False(second.ChangesCatalog);
        Assert.All(second.Results, r => Assert.Equal(TrackAdditionStatus.AlreadyPresent, r.Status));
        Assert.Equal(first.Results.Select(r => r.CanonicalId), second.Results.Select(r => r.CanonicalId));
    }

    private static CatalogTrack Track(string id, string artist, string title) => new(id, artist, title, null, null, 0);
}
