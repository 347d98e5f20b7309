using Streaming.Contracts.Events;

namespace Streaming.Contracts.Tests;

public class SkipRuleTests
{
    [Theory]
    [InlineData(0, null, true)]
    [InlineData(29_999, null, true)]
    [InlineData(30_000, null, false)]
    [InlineData(29_000, 30_000, false)] // 97% of a 30 s interlude: completed
    [InlineData(20_000, 25_000, true)] // 80% of a 25 s track: not completed, and under 30 s
    [InlineData(60_000, 600_000, true)] // 10% of a 10-minute track
    [InlineData(130_000, 600_000, false)] // 21.7% of a 10-minute track
    [InlineData(45_000, 200_000, false)]
    public void IsSkip_ByPlayedAndDuration_FollowsTheRule(int msPlayed, int? durationMs, bool expected)
    {
        Assert.Equal(expected, SkipRule.IsSkip(msPlayed, durationMs));
    }

    [Fact]
    public void Completion_UnknownDuration_IsNull() => Assert.Null(SkipRule.Completion(100_000, null));

    [Fact]
    public void Completion_PlayedPastDuration_IsClampedToOne() => Assert.Equal(1.0, SkipRule.Completion(205_000, 200_000));

    [Fact]
    public void IsSkip_ExplicitSkipKind_AlwaysSkip()
    {
        var e = Sample() with { Kind = ListeningEventKind.Skip, MsPlayed = 200_000, TrackDurationMs = 200_000 };
        Assert.True(e.IsSkip);
    }

    [Fact]
    public void IsSkip_LikeKind_NeverSkip() => Assert.False((Sample() with { Kind = ListeningEventKind.Like }).IsSkip);

    internal static ListeningEvent Sample() => new()
    {
        EventId = "e-1",
        UserId = "u-1",
        TrackId = "4uLU6hMCjMI75M1A2tKUQC",
        SessionId = "s-1",
        Kind = ListeningEventKind.PlayEnded,
        OccurredAt = new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero),
        MsPlayed = 180_000,
        TrackDurationMs = 200_000,
        Context = new PlaybackContext(PlaybackContextType.Playlist, "pl-9"),
    };
}
