using Streaming.NextTrack.Candidates;
using Streaming.NextTrack.Rankers;
using static Streaming.NextTrack.Tests.TestWorld;

namespace Streaming.NextTrack.Tests;

public sealed class NextTrackRankingTests
{
    private static CandidatePool PoolOf(params int[] rows)
    {
        var pool = new CandidatePool();
        pool.AddTrending(rows.Select(r => new ScoredRow(r, 0.5f)).ToArray());
        return pool;
    }

    [Fact]
    public void Rank_MaxPerArtist_LaterTracksOfAFullArtistSkipped()
    {
        var context = Context(State(), NextTrackSettings.Default with { MaxPerArtist = 2 });

        var ranked = NextTrackRanking.Rank(context, PoolOf(0, 1, 2, 10), new FixedScoresRanker(4, 3, 2, 1), 10);

        Assert.Equal([0, 1, 10], ranked.Select(r => r.Row));
        Assert.Equal([4f, 3f, 1f], ranked.Select(r => r.Score));
    }

    [Fact]
    public void Rank_EqualScores_LowerRowFirst()
    {
        var ranked = NextTrackRanking.Rank(Context(State()), PoolOf(27, 3, 15), new FixedScoresRanker(1f), 10);

        Assert.Equal([3, 15, 27], ranked.Select(r => r.Row));
    }

    [Fact]
    public void Rank_Count_Bounded()
    {
        var ranked = NextTrackRanking.Rank(Context(State()), PoolOf(5, 6, 7), new FixedScoresRanker(1, 2, 3), 2);

        Assert.Equal([7, 6], ranked.Select(r => r.Row));
        Assert.Empty(NextTrackRanking.Rank(Context(State()), PoolOf(5), new FixedScoresRanker(1f), 0));
    }

    [Fact]
    public void Rank_EmptyPool_Empty()
    {
        Assert.Empty(NextTrackRanking.Rank(Context(State()), new CandidatePool(), BlendRanker.Instance, 10));
    }

    [Fact]
    public void Rank_PlayedByTheListenerAfterASource_OriginOwnSuccessorBecauseThatSource()
    {
        // Sources 3 (latest) and 4; the listener played 12 after 4 before.
        var context = Context(State(3, 4) with { History = [Entry(4, 1, next: 12)] });
        var pool = NextTrackRanking.BuildPool(context, SourceLists.None(2), []);

        var ranked = NextTrackRanking.Rank(context, pool, BlendRanker.Instance, 10);

        var twelve = Assert.Single(ranked, r => r.Row == 12);
        Assert.Equal(CandidateOrigin.OwnSuccessor, twelve.Origin);
        Assert.Equal(4, twelve.Because);
    }

    [Fact]
    public void Rank_StrongSuccessor_OriginSuccessorBecauseTheLatestSource()
    {
        var context = Context(State(3, 4));
        var lists = new SourceLists([[], []], [Rows((14, 5f), (15, 1f)), []]);

        var ranked = NextTrackRanking.Rank(context, NextTrackRanking.BuildPool(context, lists, []), BlendRanker.Instance, 10);

        Assert.Equal(new RankedTrack(14, ranked[0].Score, CandidateOrigin.Successor, 3), ranked[0]);
        // 15 has a fifth of the best successor score: too weak to be the reason.
        Assert.NotEqual(CandidateOrigin.Successor, Assert.Single(ranked, r => r.Row == 15).Origin);
    }

    [Fact]
    public void Rank_StrongCoListening_OriginCoListened()
    {
        var context = Context(State(3));
        var lists = new SourceLists([Rows((22, 2f))], [[]]);

        var ranked = NextTrackRanking.Rank(context, NextTrackRanking.BuildPool(context, lists, []), BlendRanker.Instance, 10);

        Assert.Equal(CandidateOrigin.CoListened, Assert.Single(ranked, r => r.Row == 22).Origin);
        Assert.Equal(3, Assert.Single(ranked, r => r.Row == 22).Because);
    }

    [Fact]
    public void Rank_OnlyInTheOwnHistory_OriginOwnHistory()
    {
        var context = Context(State(3) with { History = [Entry(25, 4)] });

        var ranked = NextTrackRanking.Rank(context, NextTrackRanking.BuildPool(context, SourceLists.None(1), []), BlendRanker.Instance, 10);

        var track = Assert.Single(ranked, r => r.Row == 25);
        Assert.Equal((CandidateOrigin.OwnHistory, -1), (track.Origin, track.Because));
    }

    [Fact]
    public void Rank_OnlyNearTheTaste_OriginSimilar()
    {
        var context = Context(State() with { LongTerm = Taste(Axis(0)) });

        var ranked = NextTrackRanking.Rank(context, NextTrackRanking.BuildPool(context, SourceLists.None(0), []), BlendRanker.Instance, 3);

        Assert.Equal([0, 1, 2], ranked.Select(r => r.Row));
        Assert.All(ranked, r => Assert.Equal(CandidateOrigin.Similar, r.Origin));
    }

    [Fact]
    public void Rank_OnlyTrending_OriginTrending()
    {
        var context = Context(State(FirstWithoutVector));

        var ranked = NextTrackRanking.Rank(context, NextTrackRanking.BuildPool(context, SourceLists.None(1), Rows((38, 1f))), BlendRanker.Instance, 10);

        Assert.Equal([new RankedTrack(38, ranked[0].Score, CandidateOrigin.Trending, -1)], ranked);
    }

    [Fact]
    public void BuildPool_EverySource_OneSlotPerRowAndNoExcludedRow()
    {
        var context = Context(State(3, 4) with { LongTerm = Taste(Axis(0)), History = [Entry(4, 1, next: 12), Entry(25, 2)] });
        var lists = new SourceLists([Rows((22, 2f), (3, 9f)), []], [Rows((14, 5f)), Rows((4, 1f))]);

        var pool = NextTrackRanking.BuildPool(context, lists, Rows((38, 1f), (4, 0.5f)));

        Assert.Equal(pool.Count, pool.Rows.Distinct().Count());
        Assert.DoesNotContain(3, pool.Rows);
        Assert.DoesNotContain(4, pool.Rows);
        Assert.Subset(pool.Rows.ToHashSet(), new HashSet<int> { 12, 25, 22, 14, 0, 38 });
    }

    [Fact]
    public void Rank_SameRequestTwice_SameAnswer()
    {
        var context = Context(State(3, 4) with { LongTerm = Taste(Axis(1)), History = [Entry(4, 1, next: 12), Entry(25, 2), Entry(26, 2)] });
        var lists = new SourceLists([Rows((22, 2f), (23, 2f)), []], [Rows((14, 5f)), Rows((15, 5f))]);

        var first = NextTrackRanking.Rank(context, NextTrackRanking.BuildPool(context, lists, Rows((38, 1f))), BlendRanker.Instance, 20);
        var second = NextTrackRanking.Rank(context, NextTrackRanking.BuildPool(context, lists, Rows((38, 1f))), BlendRanker.Instance, 20);

        Assert.Equal(first, second);
        Assert.Equal(20, first.Length);
    }
}
