using Streaming.NextTrack.Training;
using Streaming.TasteMath;
using Streaming.TasteStore;
using static Streaming.NextTrack.Tests.TestWorld;

namespace Streaming.NextTrack.Tests;

public sealed class ListeningSimulationTests
{
    private static ListeningSimulation NewSimulation() =>
        new(TestCatalog, NextTrackSettings.Default, new TasteFolder(TasteParameters.Default), new TasteStoreOptions());

    private static List<SimulatedTarget> Targets(Plays plays, Func<SimulatedPlay, bool>? wanted = null)
    {
        var targets = new List<SimulatedTarget>();
        NewSimulation().Run(plays.All, wanted ?? (_ => true), targets.Add);
        return targets;
    }

    [Fact]
    public void Run_HandMadePlays_TargetsAreNonSkipsNotAmongTheLast20Plays()
    {
        var plays = new Plays()
            .Add(0)                  // e0: target (nothing before)
            .Add(1, ms: 10_000)      // e1: a skip
            .Add(2)                  // e2: target
            .Add(0)                  // e3: 0 is a recent play
            .Add(1, ms: 40_000)      // e4: 1 was skipped, but skips count among the last 20
            .Add(3, ms: 30_000);     // e5: target (30 s is not a skip)

        Assert.Equal(["e0", "e2", "e5"], Targets(plays).Select(t => t.Play.EventId));
    }

    [Fact]
    public void Run_TrackPlayed21PlaysAgo_TargetAgain()
    {
        var plays = new Plays();
        for (var row = 0; row <= 20; row++)
        {
            plays.Add(row);
        }
        plays.Add(0);

        Assert.Equal("e21", Targets(plays).Last().Play.EventId);
    }

    [Fact]
    public void Run_TrackPlayed20PlaysAgo_NotATarget()
    {
        var plays = new Plays();
        for (var row = 0; row < 20; row++)
        {
            plays.Add(row);
        }
        plays.Add(0);

        Assert.Equal(20, Targets(plays).Count);
        Assert.DoesNotContain(Targets(plays), t => t.Play.EventId == "e20");
    }

    [Fact]
    public void Run_OtherListener_OwnWindow()
    {
        var plays = new Plays().Add(0, user: "u1").Add(0, user: "u2");

        Assert.Equal(["e0", "e1"], Targets(plays).Select(t => t.Play.EventId));
    }

    [Fact]
    public void Run_WantedRejectsAPlay_NoTargetButThePlayStillApplied()
    {
        var plays = new Plays().Add(0).Add(1).Add(2);

        var targets = Targets(plays, p => p.EventId == "e2");

        var target = Assert.Single(targets);
        Assert.Equal([1, 0], target.Context.RecentRows);
    }

    [Fact]
    public void Step_Target_ContextIsWhatWasKnownJustBeforeThePlay()
    {
        var plays = new Plays().Add(0).Add(1).Add(2, ms: 60_000);

        var target = Targets(plays).Last();

        Assert.Equal(2, target.TargetRow);
        Assert.Equal([1, 0], target.Context.RecentRows);
        Assert.Equal(-1, target.Context.History.IndexOf(2));
        Assert.Equal(2, target.Context.History.Count);
        // The request is made when the play starts: its end minus what was played.
        Assert.Equal((plays[2].OccurredAt.ToUnixTimeMilliseconds() - 60_000) / 1000, target.Context.NowSeconds);
    }

    [Fact]
    public void Step_Target_ListsAndTrendingWithoutTheTargetPlay()
    {
        var plays = new Plays().Add(0).Add(1).Add(2);

        var target = Targets(plays).Last();

        // Sources 1, 0: co-listened with each other, 0 followed by 1; nothing knows 2 yet.
        Assert.Equal([1, 0], target.Context.SourceRows);
        Assert.Equal([0], target.Lists.CoListening[0].Select(r => r.Row));
        Assert.Equal([1], target.Lists.Successors[1].Select(r => r.Row));
        Assert.DoesNotContain(target.Lists.CoListening.Concat(target.Lists.Successors).SelectMany(l => l), r => r.Row == 2);
        Assert.Equal([0, 1], target.Trending.Select(r => r.Row).Order());
    }

    [Fact]
    public void Step_Target_ExcludesTheProtocolsLast20Plays()
    {
        var plays = new Plays().Add(0).Add(1, ms: 5_000).Add(2);

        var target = Targets(plays).Last();

        Assert.True(target.Context.Excluded.Contains(0));
        Assert.True(target.Context.Excluded.Contains(1));
    }

    [Fact]
    public void Step_PrivatePlays_NeverEnterTheHistory()
    {
        var plays = new Plays().Add(0).Add(5, isPrivate: true).Add(6, isPrivate: true).Add(2);

        var target = Targets(plays).Last();

        Assert.Equal([6, 5, 0], target.Context.RecentRows);
        Assert.Equal([0], target.Context.History.Rows);
        Assert.DoesNotContain(target.Trending, r => r.Row is 5 or 6);
    }

    [Fact]
    public void Step_UnknownTrack_TargetRowMinusOne()
    {
        var plays = new Plays().Add(0, trackId: "t999999999999999999999");

        Assert.Equal(-1, Assert.Single(Targets(plays)).TargetRow);
    }
}
