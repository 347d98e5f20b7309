using System.Diagnostics;
using Streaming.Replay.Live;

namespace Streaming.Replay.Tests;

public sealed class FreshnessProberTests
{
    [Fact]
    public async Task ProbeOnce_AppliedAfterThreePolls_SampledOnTheThirdPoll()
    {
        var fake = new ProbeFake(pollsUntilApplied: 3);
        var prober = Prober(fake, TimeSpan.FromMilliseconds(1));

        var ms = await prober.ProbeOnceAsync(0, "t1", CancellationToken.None);

        Assert.NotNull(ms);
        Assert.Equal(3, fake.Polls);
        Assert.Equal(1, prober.Freshness.Count);
        Assert.Equal(0, prober.Timeouts);
    }

    [Fact]
    public async Task Run_FourProbeUsers_EachProbesInTurnAllAreSampled()
    {
        var fake = new ProbeFake(pollsUntilApplied: 2) { StopAfterApplied = 40 };
        var prober = Prober(fake, TimeSpan.FromMilliseconds(1));

        await prober.RunAsync(fake.Stop.Token);

        Assert.True(prober.Freshness.Count >= 40, $"{prober.Freshness.Count} samples");
        Assert.Equal(FreshnessProber.ProbeUsers, fake.ProbedUsers.Count);
        Assert.Equal(0, fake.OverlappingProbes);
    }

    private static FreshnessProber Prober(ProbeFake fake, TimeSpan interval)
    {
        var clock = Stopwatch.StartNew();
        return new FreshnessProber(fake, fake, ["t1", "t2"], "test", interval, TimeSpan.FromSeconds(30),
            () => clock.Elapsed.TotalSeconds, TimeProvider.System);
    }

    /// <summary>Applies a user's posted probe after a number of polls; counts a post made while that user's previous probe was pending.</summary>
    private sealed class ProbeFake(int pollsUntilApplied) : IEventGateway, INextTrackService
    {
        private readonly Lock _lock = new();
        private readonly Dictionary<string, (string EventId, int PollsLeft)> _pending = [];
        private readonly Dictionary<string, string> _applied = [];
        private int _appliedCount;

        public int StopAfterApplied { get; init; } = int.MaxValue;

        public CancellationTokenSource Stop { get; } = new(TimeSpan.FromMinutes(1));

        public int Polls { get; private set; }

        public int OverlappingProbes { get; private set; }

        public HashSet<string> ProbedUsers { get; } = [];

        public Task<PostResult> PostAsync(IReadOnlyList<OutgoingEvent> events, CancellationToken cancellationToken)
        {
            lock (_lock)
            {
                foreach (var e in events)
                {
                    if (_pending.ContainsKey(e.UserId))
                    {
                        OverlappingProbes++;
                    }
                    _pending[e.UserId] = (e.EventId, pollsUntilApplied);
                    ProbedUsers.Add(e.UserId);
                }
            }
            return Task.FromResult(PostResult.AllAccepted(events.Count));
        }

        public Task<NextAnswer> NextAsync(string userId, string? sessionId, int count, IReadOnlyCollection<string> exclude, DateTimeOffset? at, CancellationToken cancellationToken)
        {
            var stop = false;
            NextAnswer answer;
            lock (_lock)
            {
                Polls++;
                if (_pending.TryGetValue(userId, out var p))
                {
                    if (p.PollsLeft <= 1)
                    {
                        _pending.Remove(userId);
                        _applied[userId] = p.EventId;
                        stop = ++_appliedCount >= StopAfterApplied;
                    }
                    else
                    {
                        _pending[userId] = (p.EventId, p.PollsLeft - 1);
                    }
                }
                answer = new NextAnswer([], _applied.GetValueOrDefault(userId), null);
            }
            if (stop)
            {
                Stop.Cancel();
            }
            return Task.FromResult(answer);
        }
    }
}
