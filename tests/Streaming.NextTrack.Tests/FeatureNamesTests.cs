using Streaming.NextTrack.Features;

namespace Streaming.NextTrack.Tests;

public sealed class FeatureNamesTests
{
    [Fact]
    public void All_OneDistinctNamePerIndex()
    {
        Assert.Equal(FeatureNames.Count, FeatureNames.All.Count);
        Assert.Equal(FeatureNames.Count, FeatureNames.All.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void All_NamesMatchTheirIndexes()
    {
        Assert.Equal("own_plays", FeatureNames.All[FeatureNames.OwnPlays]);
        Assert.Equal("own_next_of_last", FeatureNames.All[FeatureNames.OwnNextOfLast]);
        Assert.Equal("co_listening_share", FeatureNames.All[FeatureNames.CoListeningShare]);
        Assert.Equal("same_artist_as_last", FeatureNames.All[FeatureNames.SameArtistAsLast]);
        Assert.Equal("cosine_query", FeatureNames.All[FeatureNames.CosineQuery]);
    }
}
