using System.Diagnostics;
using Streaming.Replay.Evaluation;
using Streaming.Replay.Live;
using Streaming.Replay.Protocol;
using Streaming.Replay.Sources;

namespace Streaming.Replay.Tests;

public sealed class LiveReplayRunnerTests
{
    private static (LiveReplayRunner Runner, ReplayTimeline Timeline) Runner(FakeSystem system, ReplayDataset dataset, LiveReplayOptions options)
    {
        var timeline = ReplayTimeline.Build(dataset);
        var watch = Stopwatch.StartNew();
        var runner = new LiveReplayRunner(timeline, ReplayPlan.Build(timeline, options.BatchSize), system, system,
            new CatalogTrackIds(null), BaselineEvaluator.Standard(), options, () => watch.Elapsed.TotalSeconds);
        return (runner, timeline);
    }

    [Fact]
    public async Task RunAsync_OracleSystem_EveryTargetAHitAndBaselinesAsOffline()
    {
        var dataset = FakeSystem.ThreeUsers();
        var system = new FakeSystem(dataset);
        var (runner, timeline) = Runner(system, dataset, new LiveReplayOptions { Concurrency = 4, BatchSize = 5 });

        var outcome = await runner.RunAsync(CancellationToken.None);

        var offline = OfflineEvaluation.Run(timeline).Scores();
        var scores = runner.Board.Scores();
        Assert.False(outcome.Cancelled);
        Assert.Equal(60, runner.Counters.EventsPosted);
        Assert.Equal(offline[0].Targets, scores[0].Targets);
        Assert.True(scores[0].Targets > 0);
        Assert.Equal((LiveReplayRunner.SystemModel, 1.0, 1.0), (scores[0].Model, scores[0].HitRate, scores[0].Mrr));
        Assert.Equal(offline.Select(s => (s.Model, s.HitRate, s.Mrr)), scores.Skip(1).Select(s => (s.Model, s.HitRate, s.Mrr)));
        Assert.Equal(0, runner.Counters.StaleAnswers);
    }

    [Fact]
    public async Task RunAsync_ConcurrencyOne_AsksAfterEveryEarlierEventAndBeforeAnyLaterOne()
    {
        var dataset = FakeSystem.ThreeUsers();
        var system = new FakeSystem(dataset) { PollsUntilApplied = 2 };
        var (runner, timeline) = Runner(system, dataset, new LiveReplayOptions { Concurrency = 1, BatchSize = 3, PollStart = TimeSpan.Zero });

        await runner.RunAsync(CancellationToken.None);

        var globalIndex = timeline.Events.ToDictionary(e => (e.UserId, e.PlayIndex), e => e.GlobalIndex);
        var postedSoFar = new HashSet<int>();
        foreach (var (kind, user, index) in system.Log)
        {
            var g = globalIndex[(user, index)];
            if (kind == "post")
            {
                Assert.Equal(postedSoFar.Count, g);
                postedSoFar.Add(g);
            }
            else
            {
                Assert.Equal(Enumerable.Range(0, g), postedSoFar.Order());
            }
        }
        Assert.Equal(1.0, runner.Board.Scores()[0].HitRate);
    }

    [Fact]
    public async Task RunAsync_ManyUsersInFlight_EachUsersEventsInOrder()
    {
        var dataset = FakeSystem.ThreeUsers();
        var system = new FakeSystem(dataset) { PollsUntilApplied = 1 };
        var (runner, _) = Runner(system, dataset, new LiveReplayOptions { Concurrency = 8, BatchSize = 2, PollStart = TimeSpan.Zero });

        await runner.RunAsync(CancellationToken.None);

        foreach (var user in dataset.Users)
        {
            var posts = system.Log.Where(l => l.Kind == "post" && l.UserId == user.UserId).Select(l => l.PlayIndex);
            Assert.Equal(Enumerable.Range(0, user.Plays.Count), posts);
        }
    }

    [Fact]
    public async Task RunAsync_LaterEventsNotApplied_AnswersCountedStale()
    {
        var dataset = FakeSystem.ThreeUsers();
        var system = new FakeSystem(dataset) { ApplyUpToIndex = 0 };
        var (runner, _) = Runner(system, dataset, new LiveReplayOptions
        {
            ApplyTimeout = TimeSpan.FromMilliseconds(20),
            PollStart = TimeSpan.FromMilliseconds(1),
        });

        await runner.RunAsync(CancellationToken.None);

        Assert.Equal(runner.TargetsPlanned, runner.Counters.StaleAnswers);
        Assert.Equal(0, runner.ApplyWaits.Count);
        Assert.Equal(runner.TargetsPlanned, runner.Board.Targets);
    }

    [Fact]
    public async Task RunAsync_NothingEverApplied_FailsFast()
    {
        var dataset = TestData.Dataset(TestData.User("solo",
            Enumerable.Range(0, 100).Select(i => TestData.Play($"t{i}", i)).ToArray()));
        var system = new FakeSystem(dataset) { ApplyUpToIndex = -1 };
        var (runner, _) = Runner(system, dataset, new LiveReplayOptions
        {
            ApplyTimeout = TimeSpan.FromMilliseconds(5),
            PollStart = TimeSpan.FromMilliseconds(1),
        });

        var e = await Assert.ThrowsAsync<ReplayFatalException>(() => runner.RunAsync(CancellationToken.None));

        Assert.Contains("applies nothing", e.Message);
        Assert.Equal(LiveReplayRunner.NothingAppliedLimit, runner.Counters.StaleAnswers);
    }

    [Fact]
    public async Task RunAsync_PartitionBound_NeverMoreUnappliedThanAllowed()
    {
        var dataset = FakeSystem.ThreeUsers();
        var system = new FakeSystem(dataset) { PollsUntilApplied = 1 };
        var (runner, _) = Runner(system, dataset, new LiveReplayOptions { MaxPartitionInFlight = 3, Partitions = 1, BatchSize = 2, PollStart = TimeSpan.Zero });

        await runner.RunAsync(CancellationToken.None);

        Assert.Equal(60, runner.Counters.EventsPosted);
        Assert.InRange(system.MaxUnappliedAfterPost, 1, 3);
        Assert.True(runner.Gate!.Waits > 0);
    }

    [Fact]
    public async Task RunAsync_Cancelled_ReturnsPartialOutcome()
    {
        var dataset = FakeSystem.ThreeUsers();
        var system = new FakeSystem(dataset);
        var (runner, _) = Runner(system, dataset, new LiveReplayOptions { Speedup = 0.001 });
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        var outcome = await runner.RunAsync(cancel.Token);

        Assert.True(outcome.Cancelled);
        Assert.True(outcome.StepsRun < outcome.StepsPlanned);
    }

    [Fact]
    public void Build_Plan_StepsSplitAtTargetsUsersAndBatchSize()
    {
        var timeline = ReplayTimeline.Build(FakeSystem.ThreeUsers());

        var steps = ReplayPlan.Build(timeline, batchSize: 2);

        Assert.Equal(timeline.Events.Select(e => e.GlobalIndex), steps.SelectMany(s => s.Events).Select(e => e.GlobalIndex));
        Assert.All(steps, s =>
        {
            Assert.InRange(s.Events.Count, 1, 2);
            Assert.All(s.Events, e => Assert.Equal(s.UserOrdinal, e.UserOrdinal));
        });
        var selector = new TargetSelector();
        var targets = new HashSet<int>();
        foreach (var e in timeline.Events)
        {
            if (selector.Inspect(e).IsTarget)
            {
                targets.Add(e.GlobalIndex);
            }
            selector.Observe(e);
        }
        Assert.Equal(targets.Order(), steps.Where(s => s.AsksFirst).Select(s => s.First.GlobalIndex));
        Assert.All(steps, s => Assert.All(s.Events.Skip(1), e => Assert.DoesNotContain(e.GlobalIndex, targets)));
    }
}
