using Streaming.NextTrack.Training;
using Streaming.TasteMath;
using Streaming.TasteStore;
using static Streaming.NextTrack.Tests.TestWorld;

namespace Streaming.NextTrack.Tests;

public sealed class InMemoryListenersTests
{
    private static InMemoryListeners Replay(Plays plays)
    {
        var listeners = new InMemoryListeners(Snapshot, new TasteFolder(TasteParameters.Default), new TasteStoreOptions());
        foreach (var play in plays.All)
        {
            listeners.Apply(play);
        }
        return listeners;
    }

    [Fact]
    public void StateOf_ListenerNeverSeen_Empty()
    {
        Assert.Same(ListenerState.Empty, Replay(new Plays()).StateOf("u1"));
    }

    [Fact]
    public void Apply_PublicPlays_RecentNewestFirstSessionPlaysAndHistoryWithNext()
    {
        var state = Replay(new Plays().Add(1).Add(2)).StateOf("u1");

        Assert.Equal([Id(2), Id(1)], state.RecentTrackIds);
        Assert.Equal(2, state.SessionPlays);
        var first = Assert.Single(state.History, e => e.Track == Key(1));
        Assert.Equal(Key(2), first.Next);
        Assert.Equal(2, state.History.Count);
    }

    [Fact]
    public void Apply_PrivatePlay_RecentButNeverHistoryNorAggregates()
    {
        var listeners = Replay(new Plays().Add(1).Add(5, isPrivate: true).Add(2));
        var state = listeners.StateOf("u1");

        Assert.Equal([Id(2), Id(5), Id(1)], state.RecentTrackIds);
        Assert.DoesNotContain(state.History, e => e.Track == Key(5));
        Assert.Empty(listeners.Aggregates.CoListening(Id(5), 10, T0 + Day));
        Assert.DoesNotContain(listeners.Aggregates.Trending(10), t => t.TrackId == Id(5));
        Assert.DoesNotContain(listeners.Aggregates.CoListening(Id(1), 10, T0 + Day), t => t.TrackId == Id(5));
    }

    [Fact]
    public void Apply_AliasId_StoredAsTheCanonicalId()
    {
        var state = Replay(new Plays().Add(3, trackId: AliasOfRow3)).StateOf("u1");

        Assert.Equal([Id(3)], state.RecentTrackIds);
        Assert.Equal(Key(3), Assert.Single(state.History).Track);
    }

    [Fact]
    public void Apply_SkipThenNewSession_SessionSkipsCleared()
    {
        var plays = new Plays().Add(1, ms: 5_000).Add(3, session: "s2");
        var listeners = Replay(new Plays());
        listeners.Apply(plays[0]);
        Assert.Equal([Id(1)], listeners.StateOf("u1").SessionSkippedTrackIds);

        listeners.Apply(plays[1]);

        Assert.Empty(listeners.StateOf("u1").SessionSkippedTrackIds);
    }

    [Fact]
    public void ListsFor_ContextSources_CoListeningAndSuccessorsAsRows()
    {
        var listeners = Replay(new Plays().Add(1).Add(2));
        var context = Context(listeners.StateOf("u1"));

        var lists = listeners.ListsFor(context, TestCatalog);

        // Sources: 2 (latest), 1. 2 was co-listened with 1; 1 was followed by 2.
        Assert.Equal([2, 1], context.SourceRows);
        Assert.Equal([1], lists.CoListening[0].Select(r => r.Row));
        Assert.Equal([2], lists.CoListening[1].Select(r => r.Row));
        Assert.Empty(lists.Successors[0]);
        Assert.Equal([2], lists.Successors[1].Select(r => r.Row));
    }
}
