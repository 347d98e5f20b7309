using Streaming.NextTrack.Candidates;
using Streaming.NextTrack.Features;
using static Streaming.NextTrack.Tests.TestWorld;

namespace Streaming.NextTrack.Tests;

/// <summary>
/// One request, features computed by hand: the listener just played 1 then 2 (newest first: 1, 2) in a live session
/// whose last event was 10 minutes before the request; their history knows 1 (3 plays, 1 skip, 2 days ago, then 5),
/// 5 (1 play, a day ago, then 7) and 12 (4 plays, now). No taste vector, so the query is seeded.
/// </summary>
public sealed class FeatureExtractorTests
{
    private static readonly ListeningContext Request = Context(
        State(1, 2) with
        {
            SessionPlays = 2,
            SessionLastMs = T0 - (10 * Minute),
            LastEventMs = T0 - (10 * Minute),
            History = [Entry(1, 3, skips: 1, lastMs: T0 - (2 * Day), next: 5), Entry(5, 1, lastMs: T0 - Day, next: 7), Entry(12, 4)],
        },
        nowMs: T0);

    private static readonly CandidatePool Pool = BuildPool();

    private static CandidatePool BuildPool()
    {
        var pool = new CandidatePool();
        pool.AddCoListening(Rows((5, 2f), (15, 4f)));
        pool.AddSuccessors(Rows((7, 1f)));
        pool.AddTrending(Rows((36, 0.5f)));
        return pool;
    }

    private static float[] FeaturesOf(int row)
    {
        var all = new float[Pool.Count * FeatureNames.Count];
        new FeatureExtractor(Request).Extract(Pool, all);
        return all.AsSpan(Pool.SlotOf(row) * FeatureNames.Count, FeatureNames.Count).ToArray();
    }

    [Fact]
    public void Extract_TrackInTheOwnHistory_LogPlaysSkipsAgeAndRecencyRank()
    {
        var f = FeaturesOf(5);

        Assert.Equal(MathF.Log(2), f[FeatureNames.OwnPlays], 6);
        Assert.Equal(0f, f[FeatureNames.OwnSkips]);
        Assert.Equal(1f, f[FeatureNames.OwnKnown]);
        Assert.Equal(MathF.Log(2), f[FeatureNames.OwnAgeDays], 6);
        // By last play: 12 (now), 5 (a day ago), 1: rank 1.
        Assert.Equal(MathF.Log(2), f[FeatureNames.OwnRecencyRank], 6);
    }

    [Fact]
    public void Extract_TrackNotInTheOwnHistory_MissingMarkers()
    {
        var f = FeaturesOf(15);

        Assert.Equal(0f, f[FeatureNames.OwnKnown]);
        Assert.Equal(0f, f[FeatureNames.OwnPlays]);
        Assert.Equal(FeatureNames.Missing, f[FeatureNames.OwnAgeDays]);
        Assert.Equal(FeatureNames.Missing, f[FeatureNames.OwnRecencyRank]);
        Assert.Equal(FeatureNames.Missing, f[FeatureNames.SuccessorRank]);
        Assert.Equal(FeatureNames.Missing, f[FeatureNames.VectorRank]);
        Assert.Equal(0f, f[FeatureNames.SuccessorShare]);
    }

    [Fact]
    public void Extract_PlayedAfterTheLatestSource_OwnNextOfLast()
    {
        var f = FeaturesOf(5);

        Assert.Equal(1f, f[FeatureNames.OwnNextOfLast]);
        Assert.Equal(0f, f[FeatureNames.OwnNextOfSecond]);
        Assert.Equal(0f, f[FeatureNames.OwnNextChain]);
        Assert.Equal(1f, f[FeatureNames.OwnNextCount]);
        Assert.Equal(0f, FeaturesOf(15)[FeatureNames.OwnNextOfLast]);
    }

    [Fact]
    public void Extract_PlayedAfterTheOwnSuccessor_OwnNextChain()
    {
        var f = FeaturesOf(7);

        Assert.Equal(1f, f[FeatureNames.OwnNextChain]);
        Assert.Equal(0f, f[FeatureNames.OwnNextOfLast]);
    }

    [Fact]
    public void Extract_CoListening_LogScoreShareOfThePoolMaximumAndRank()
    {
        var f = FeaturesOf(5);

        Assert.Equal(MathF.Log(3), f[FeatureNames.CoListening], 6);
        Assert.Equal(0.5f, f[FeatureNames.CoListeningShare]);
        Assert.Equal(0f, f[FeatureNames.CoListeningRank]);
        Assert.Equal(1f, FeaturesOf(15)[FeatureNames.CoListeningShare]);
        Assert.Equal(MathF.Log(2), FeaturesOf(15)[FeatureNames.CoListeningRank], 6);
    }

    [Fact]
    public void Extract_Successor_ShareAndRank()
    {
        var f = FeaturesOf(7);

        Assert.Equal(1f, f[FeatureNames.SuccessorShare]);
        Assert.Equal(0f, f[FeatureNames.SuccessorRank]);
        Assert.Equal(FeatureNames.Missing, f[FeatureNames.CoListeningRank]);
    }

    [Fact]
    public void Extract_ArtistOfTheLatestSource_SameArtistAsLast()
    {
        Assert.Equal(1f, FeaturesOf(5)[FeatureNames.SameArtistAsLast]);
        Assert.Equal(0f, FeaturesOf(15)[FeatureNames.SameArtistAsLast]);
    }

    [Fact]
    public void Extract_Artist_SessionShareAndOwnPlays()
    {
        // Both session plays are artist A's; the history has 3 + 1 plays of A (rows 1, 5) and 4 of B (row 12).
        Assert.Equal(1f, FeaturesOf(7)[FeatureNames.ArtistSessionShare]);
        Assert.Equal(MathF.Log(5), FeaturesOf(7)[FeatureNames.ArtistOwnPlays], 6);
        Assert.Equal(0f, FeaturesOf(15)[FeatureNames.ArtistSessionShare]);
        Assert.Equal(MathF.Log(5), FeaturesOf(15)[FeatureNames.ArtistOwnPlays], 6);
        Assert.Equal(0f, FeaturesOf(36)[FeatureNames.ArtistOwnPlays]);
    }

    [Fact]
    public void Extract_CosineLast_DotWithTheLatestSource()
    {
        // Rows 1 and 5 tilt towards the same axis (5): cos(0.1) cos(0.5) + sin(0.1) sin(0.5) = cos(0.4).
        Assert.Equal((float)Math.Cos(0.4), FeaturesOf(5)[FeatureNames.CosineLast], 5);
    }

    [Fact]
    public void Extract_NoTasteVector_NoCosineForSessionAndLongTermButSeededQuery()
    {
        var f = FeaturesOf(5);

        Assert.Equal(FeatureNames.NoCosine, f[FeatureNames.CosineSession]);
        Assert.Equal(FeatureNames.NoCosine, f[FeatureNames.CosineLongTerm]);
        Assert.InRange(f[FeatureNames.CosineQuery], -1f, 1f);
    }

    [Fact]
    public void Extract_RowWithoutVector_NoCosineAndNoVector()
    {
        var f = FeaturesOf(36);

        Assert.Equal(0f, f[FeatureNames.HasVector]);
        Assert.Equal(FeatureNames.NoCosine, f[FeatureNames.CosineLast]);
        Assert.Equal(FeatureNames.NoCosine, f[FeatureNames.CosineQuery]);
        Assert.Equal(0.5f, f[FeatureNames.Trending]);
        Assert.Equal(1f, FeaturesOf(5)[FeatureNames.HasVector]);
    }

    [Fact]
    public void Extract_RequestFeatures_SessionLengthHistorySizeAndGap()
    {
        var f = FeaturesOf(36);

        Assert.Equal(MathF.Log(3), f[FeatureNames.SessionLength], 6);
        Assert.Equal(MathF.Log(4), f[FeatureNames.HistorySize], 6);
        Assert.Equal(MathF.Log(11), f[FeatureNames.GapMinutes], 5);
        Assert.Equal(TestWorld.TestCatalog.PopularityPrior(36), f[FeatureNames.Popularity]);
    }

    [Fact]
    public void Extract_BufferTooSmall_Throws()
    {
        Assert.Throws<ArgumentException>(() => new FeatureExtractor(Request).Extract(Pool, new float[FeatureNames.Count]));
    }
}
