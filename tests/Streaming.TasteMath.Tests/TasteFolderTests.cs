using System.Numerics.Tensors;
using Streaming.Contracts.Events;

namespace Streaming.TasteMath.Tests;

public class TasteFolderTests
{
    private const string Space = "space-a";
    private readonly TasteFolder _folder = new(TasteParameters.Default);
    private static readonly float[] TrackA = Events.Unit(4, 0);
    private static readonly float[] TrackB = Events.Unit(4, 1);

    [Fact]
    public void Apply_CompletedPlay_PullsTowardTrack()
    {
        var taste = new UserTaste();
        var effects = _folder.Apply(taste, Events.Play("A", Events.T0), TrackA, Space);

        Assert.Equal(VectorOutcome.Applied, effects.Vector);
        Assert.True(TensorPrimitives.CosineSimilarity(taste.LongTerm!.Sum, TrackA) > 0.99f);
        Assert.True(effects.CountPlay);
        Assert.True(effects.PushRecent);
    }

    [Fact]
    public void Apply_EarlySkip_PushesAway()
    {
        var taste = new UserTaste();
        _folder.Apply(taste, Events.Play("A", Events.T0, ms: 5_000), TrackA, Space);

        Assert.True(taste.LongTerm!.Sum[0] < 0f);
        Assert.True(taste.Session!.Sum[0] < 0f);
    }

    [Fact]
    public void Weight_EarlierSkip_PushesHarder()
    {
        var early = EventWeights.Of(Events.Of(ListeningEventKind.Skip, "A", Events.T0, ms: 1_000), TasteParameters.Default);
        var late = EventWeights.Of(Events.Of(ListeningEventKind.Skip, "A", Events.T0, ms: 25_000), TasteParameters.Default);

        Assert.True(early < late);
        Assert.True(late < 0f);
    }

    [Fact]
    public void Weight_Like_PullsHarderThanPlay()
    {
        var like = EventWeights.Of(Events.Of(ListeningEventKind.Like, "A", Events.T0), TasteParameters.Default);
        var play = EventWeights.Of(Events.Play("A", Events.T0), TasteParameters.Default);

        Assert.True(like > play);
        Assert.Equal(0f, EventWeights.Of(Events.Of(ListeningEventKind.PlayStarted, "A", Events.T0), TasteParameters.Default));
    }

    [Fact]
    public void Apply_PrivatePlay_LeavesLongTermAndCountsUntouched()
    {
        var taste = new UserTaste();
        _folder.Apply(taste, Events.Play("A", Events.T0), TrackA, Space);
        var before = (float[])taste.LongTerm!.Sum.Clone();

        var effects = _folder.Apply(taste, Events.Play("B", Events.T0.AddMinutes(4), isPrivate: true), TrackB, Space);

        Assert.Equal(before, taste.LongTerm.Sum);
        Assert.Equal(Events.T0.ToUnixTimeMilliseconds(), taste.LongTerm.ReferenceTimeMs);
        Assert.False(effects.CountPlay);
        Assert.Null(effects.TransitionFrom);
        Assert.True(effects.PushRecent);
        Assert.True(taste.Session!.Sum[1] > 0f);
        Assert.Equal(1, taste.PlayCount);
    }

    [Fact]
    public void Apply_PrivatePlayBetweenPublicPlays_NoTransitionAcrossIt()
    {
        var taste = new UserTaste();
        _folder.Apply(taste, Events.Play("A", Events.T0), TrackA, Space);
        _folder.Apply(taste, Events.Play("B", Events.T0.AddMinutes(4), isPrivate: true), TrackB, Space);
        var effects = _folder.Apply(taste, Events.Play("C", Events.T0.AddMinutes(8)), TrackB, Space);

        Assert.Null(effects.TransitionFrom);
    }

    [Fact]
    public void Apply_ConsecutivePublicPlays_TransitionFromPrevious()
    {
        var taste = new UserTaste();
        _folder.Apply(taste, Events.Play("A", Events.T0), TrackA, Space);
        _folder.Apply(taste, Events.Play("X", Events.T0.AddMinutes(4), ms: 3_000), TrackB, Space);
        var effects = _folder.Apply(taste, Events.Play("B", Events.T0.AddMinutes(5)), TrackB, Space);

        Assert.Equal("A", effects.TransitionFrom);
    }

    [Fact]
    public void Apply_NewSessionId_ResetsSessionVector()
    {
        var taste = new UserTaste();
        _folder.Apply(taste, Events.Play("A", Events.T0), TrackA, Space);
        var effects = _folder.Apply(taste, Events.Play("B", Events.T0.AddMinutes(5), session: "s2"), TrackB, Space);

        Assert.True(effects.SessionReset);
        Assert.Equal("s2", taste.SessionId);
        Assert.Equal(0f, taste.Session!.Sum[0]);
        Assert.True(taste.LongTerm!.Sum[0] > 0f);
    }

    [Fact]
    public void Apply_GapOver30Minutes_ResetsSessionEvenWithSameId()
    {
        var taste = new UserTaste();
        _folder.Apply(taste, Events.Play("A", Events.T0), TrackA, Space);
        var effects = _folder.Apply(taste, Events.Play("B", Events.T0.AddMinutes(31)), TrackB, Space);

        Assert.True(effects.SessionReset);
        Assert.Equal(0f, taste.Session!.Sum[0]);
    }

    [Fact]
    public void Apply_LateEventOfOlderSession_TouchesNoSessionState()
    {
        var taste = new UserTaste();
        _folder.Apply(taste, Events.Play("A", Events.T0, session: "s2"), TrackA, Space);
        var effects = _folder.Apply(taste, Events.Play("B", Events.T0.AddMinutes(-10), session: "s1", ms: 2_000), TrackB, Space);

        Assert.False(effects.SessionReset);
        Assert.False(effects.AddSessionSkip);
        Assert.Equal("s2", taste.SessionId);
        Assert.Equal(0f, taste.Session!.Sum[1]);
        Assert.True(taste.LongTerm!.Sum[1] < 0f);
        Assert.Equal(Events.T0.ToUnixTimeMilliseconds(), taste.LongTerm.ReferenceTimeMs);
    }

    [Fact]
    public void Apply_UnknownTrack_HistoryCountedVectorSkipped()
    {
        var taste = new UserTaste();
        var effects = _folder.Apply(taste, Events.Play("Z", Events.T0), ReadOnlySpan<float>.Empty, Space);

        Assert.Equal(VectorOutcome.UnknownTrack, effects.Vector);
        Assert.True(effects.PushRecent);
        Assert.True(effects.CountPlay);
        Assert.Null(taste.LongTerm);
    }

    [Fact]
    public void Apply_StoredVectorOfOtherSpace_RestartedNotCombined()
    {
        var taste = new UserTaste();
        _folder.Apply(taste, Events.Play("A", Events.T0), TrackA, "old-space");
        var effects = _folder.Apply(taste, Events.Play("B", Events.T0.AddMinutes(4)), TrackB, "new-space");

        Assert.True(effects.LongTermSpaceReset);
        Assert.Equal("new-space", taste.LongTerm!.SpaceId);
        Assert.Equal(0f, taste.LongTerm.Sum[0]);
    }

    [Fact]
    public void Apply_PlayStartedThenEnded_EntersRecentOnce()
    {
        var taste = new UserTaste();
        var started = _folder.Apply(taste, Events.Of(ListeningEventKind.PlayStarted, "A", Events.T0), TrackA, Space);
        var ended = _folder.Apply(taste, Events.Play("A", Events.T0.AddMinutes(3)), TrackA, Space);

        Assert.True(started.PushRecent);
        Assert.Equal(VectorOutcome.None, started.Vector);
        Assert.False(ended.PushRecent);
        Assert.Null(taste.NowPlaying);
    }

    [Fact]
    public void Blend_OtherSpaceIgnored_UnitNorm()
    {
        var lt = new DecayedVector(Space, 4);
        lt.Add(TrackA, 3f, 0, TimeSpan.FromDays(1));
        var ss = new DecayedVector("other", 4);
        ss.Add(TrackB, 1f, 0, TimeSpan.FromDays(1));

        var q = TasteBlend.Query(lt, ss, Space)!;

        Assert.Equal(1f, q[0], 6);
        Assert.Equal(0f, q[1], 6);
    }

    [Fact]
    public void Blend_BothSides_Normalised()
    {
        var lt = new DecayedVector(Space, 4);
        lt.Add(TrackA, 3f, 0, TimeSpan.FromDays(1));
        var ss = new DecayedVector(Space, 4);
        ss.Add(TrackB, 0.1f, 0, TimeSpan.FromDays(1));

        var q = TasteBlend.Query(lt, ss, Space, 0.5f)!;

        Assert.Equal(1f, TensorPrimitives.Norm(q), 5);
        Assert.Equal(q[0], q[1], 5);
    }
}
