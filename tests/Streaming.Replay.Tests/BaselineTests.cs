using Streaming.Replay.Baselines;
using Streaming.Replay.Evaluation;
using Streaming.Replay.Protocol;
using static Streaming.Replay.Tests.TestData;

namespace Streaming.Replay.Tests;

/// <summary>
/// Hand-made history (minutes): user 0 plays e, e (t 0-1), then after two hours a, b, c (t 120-122);
/// user 1 plays a, b (t 123-124) and skips d (t 125). Worked by hand:
/// plays counted (non-skip) e 2, a 2, b 2, c 1 (first counted in that order);
/// co-occurrence within a session: a-b 2, a-c 1, b-c 1 (e-e is the same track, never counted).
/// User 1 asks at t 126 with a, b, d excluded (the last plays):
/// popularity = [e, c]; session-kNN: from b (w 0): c += 1/1; from a (w 1): c += 1/2 -> c 1.5, filled with e -> [c, e].
/// </summary>
public sealed class BaselineTests
{
    private readonly TrackKeys _keys = new();

    private List<TimelineEvent> History() =>
    [
        Event(_keys, 0, "e", 0),
        Event(_keys, 0, "e", 1),
        Event(_keys, 0, "a", 120),
        Event(_keys, 0, "b", 121),
        Event(_keys, 0, "c", 122),
        Event(_keys, 1, "a", 123),
        Event(_keys, 1, "b", 124),
        Event(_keys, 1, "d", 125, msPlayed: 3_000),
    ];

    private HashSet<int> Exclude(params string[] tracks) => tracks.Select(_keys.KeyOf).ToHashSet();

    private string[] Names(IEnumerable<int> keys) => keys.Select(_keys.IdOf).ToArray();

    private T Trained<T>(T model) where T : INextTrackModel
    {
        foreach (var e in History())
        {
            model.Observe(e);
        }
        return model;
    }

    [Fact]
    public void Popularity_TiesKeepFirstCountedOrder()
    {
        var model = Trained(new PopularityBaseline());

        Assert.Equal(["e", "a", "b", "c"], Names(model.Recommend(Event(_keys, 1, "x", 126), Exclude(), 10)));
    }

    [Fact]
    public void Popularity_ExcludedTracksRemoved()
    {
        var model = Trained(new PopularityBaseline());

        Assert.Equal(["e", "c"], Names(model.Recommend(Event(_keys, 1, "x", 126), Exclude("a", "b", "d"), 10)));
    }

    [Fact]
    public void SessionKnn_WeightsByRecency_ThenFillsWithPopularity()
    {
        var model = Trained(new SessionKnnBaseline());

        Assert.Equal(["c", "e"], Names(model.Recommend(Event(_keys, 1, "x", 126), Exclude("a", "b", "d"), 10)));
    }

    [Fact]
    public void SessionKnn_CountCutsTheList()
    {
        var model = Trained(new SessionKnnBaseline());

        Assert.Equal(["c"], Names(model.Recommend(Event(_keys, 1, "x", 126), Exclude("a", "b", "d"), 1)));
    }

    [Fact]
    public void SessionKnn_AfterThirtyMinutesOfSilence_SessionIsEmpty()
    {
        var model = Trained(new SessionKnnBaseline());

        // 31 minutes after user 1's last play (the skip at 125 kept the session alive): popularity only.
        Assert.Equal(["e", "c"], Names(model.Recommend(Event(_keys, 1, "x", 156), Exclude("a", "b", "d"), 10)));
    }

    [Fact]
    public void SessionKnn_NearerSessionTrackWeighsMore()
    {
        // Session p, q: candidate r co-occurs with p (older, w 1) twice = 1.0, s with q (newest, w 0) once = 1.0,
        // t with q twice = 2.0 -> t first; r and s tie at 1.0 and keep first-seen order (s, seen from q first).
        var keys = new TrackKeys();
        var model = new SessionKnnBaseline();
        var t = 0;
        void Session(int user, params string[] tracks)
        {
            t += 60;
            foreach (var track in tracks)
            {
                model.Observe(Event(keys, user, track, t++));
            }
        }
        Session(1, "p", "r");
        Session(2, "p", "r");
        Session(3, "q", "s");
        Session(4, "q", "t");
        Session(5, "q", "t");
        Session(0, "p", "q");

        var ranked = model.Recommend(Event(keys, 0, "x", t), new HashSet<int> { keys.Find("p"), keys.Find("q") }, 3);

        Assert.Equal(["t", "s", "r"], ranked.Select(keys.IdOf));
    }

    [Fact]
    public void Offline_TinyProtocolRun_MatchesHandComputation()
    {
        // User B (t 0-9): h h h g g k k | scored: h (repeat), g (skip), k (repeat) -> no targets.
        // User A (t 100-109): a1..a7 | scored: h (target), n (target, never seen), a1 (repeat).
        // At A's h: counts h 4, k 3, g 2, a1..a7 1; a1..a7 excluded -> popularity [h, k, g]: rank 1.
        // session-kNN: A's session only reaches a-tracks (all excluded) -> popularity fill: rank 1.
        // At n: nobody ever played n -> both miss. HitRate 1/2, MRR (1 + 0) / 2.
        var b = User("b", [.. new[] { "h", "h", "h", "g", "g", "k", "k", "h" }.Select((x, i) => Play(x, i)),
            Play("g", 8, msPlayed: 1_000), Play("k", 9)]);
        var a = User("a", [.. Enumerable.Range(1, 7).Select(i => Play($"a{i}", 99 + i)), Play("h", 107), Play("n", 108), Play("a1", 109)]);

        var board = OfflineEvaluation.Run(ReplayTimeline.Build(Dataset(b, a)));

        Assert.Equal(2, board.Targets);
        foreach (var score in board.Scores())
        {
            Assert.Equal(0.5, score.HitRate, 12);
            Assert.Equal(0.5, score.Mrr, 12);
        }
        Assert.Equal(["popularity", "session-kNN"], board.ModelNames);
    }

    [Fact]
    public void HitRateOverTime_BucketsInGlobalOrder()
    {
        var board = new Scoreboard(["m"]);
        foreach (var (index, rank) in new[] { (3, 0), (0, 1), (1, 2), (2, 0) })
        {
            board.Add(new TargetRecord(index, "u", T0, 0, [rank]));
        }

        var points = board.HitRateOverTime(2);

        Assert.Equal([2, 4], points.Select(p => p.TargetsSoFar));
        Assert.Equal([1.0, 0.0], points.Select(p => p.HitRates[0]));
    }

    [Fact]
    public void HitRateOverTime_RemainderSpreadOverRuns()
    {
        var board = new Scoreboard(["m"]);
        for (var i = 0; i < 7; i++)
        {
            board.Add(new TargetRecord(i, "u", T0, 0, [1]));
        }

        Assert.Equal([3, 7], board.HitRateOverTime(3).Select(p => p.TargetsSoFar));
    }

    [Fact]
    public void Breakdown_ByStrategy_HitRateAndMrrPerGroupByHand()
    {
        var board = new Scoreboard(["system", "knn"]);
        board.Add(new TargetRecord(0, "u", T0, 0, [1, 0], Strategy: "personal"));
        board.Add(new TargetRecord(1, "u", T0, 0, [0, 2], Strategy: "personal"));
        board.Add(new TargetRecord(2, "u", T0, 0, [4, 4], Strategy: "personal"));
        board.Add(new TargetRecord(3, "u", T0, 0, [0, 1], Strategy: "trending"));
        board.Add(new TargetRecord(4, "u", T0, 0, [1, 1]));

        var groups = board.Breakdown(r => r.Strategy);

        Assert.Equal(["personal", "trending"], groups.Select(g => g.Group));
        Assert.Equal(3, groups[0].Targets);
        Assert.Equal([2.0 / 3, 2.0 / 3], groups[0].HitRates);
        Assert.Equal([(1 + 0.25) / 3, (0.5 + 0.25) / 3], groups[0].Mrrs);
        Assert.Equal([0.0, 1.0], groups[1].HitRates);
    }
}
