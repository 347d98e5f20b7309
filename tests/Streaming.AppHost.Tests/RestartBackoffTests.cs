using Streaming.AppHost.Supervision;

namespace Streaming.AppHost.Tests;

public sealed class RestartBackoffTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Next_RepeatedFailures_DoublesFromOneSecondUpToThirty()
    {
        var backoff = new RestartBackoff();
        var delays = new List<double>();
        var now = Start;
        for (var i = 0; i < 8; i++)
        {
            delays.Add(backoff.Next(now).TotalSeconds);
            now += TimeSpan.FromSeconds(2);
            backoff.Started(now);
        }

        Assert.Equal([1, 2, 4, 8, 16, 30, 30, 30], delays);
    }

    [Fact]
    public void Next_FailureAfterAStableRun_StartsOverAtOneSecond()
    {
        var backoff = new RestartBackoff();
        backoff.Next(Start);
        backoff.Next(Start);
        backoff.Started(Start);

        Assert.Equal(TimeSpan.FromSeconds(1), backoff.Next(Start + RestartBackoff.StableAfter));
    }

    [Theory]
    [InlineData("Exited", 137, true)]
    [InlineData("Finished", 1, true)]
    [InlineData("FailedToStart", -1, true)]
    [InlineData("Exited", 0, false)]
    [InlineData("Running", 137, false)]
    [InlineData("Exited", null, false)]
    public void HasFailed_StateAndExitCode_OnlyNonZeroExitsOfGoneProcesses(string state, int? exitCode, bool failed) =>
        Assert.Equal(failed, ResourceSupervisor.HasFailed(state, exitCode));
}
