using Streaming.Replay.Evaluation;
using Streaming.Replay.Metrics;
using Streaming.Replay.Protocol;
using Streaming.Replay.Sources;

namespace Streaming.Replay.Live;

/// <summary>
/// Replays a timeline through the services as a fleet of player clients.
/// <para><b>Order.</b> Steps (see <see cref="ReplayPlan"/>) are dispatched in global event order. A user's
/// steps run one after another; up to <see cref="LiveReplayOptions.Concurrency"/> steps of different users
/// run at once, and step <c>s</c> starts only when every step before <c>s - Concurrency</c> has finished.
/// So when the system is asked about a target it has received every event of that user before it, never
/// one after it, and of other users at most Concurrency - 1 steps out of order (1 = strictly in order).</para>
/// <para><b>Baselines</b> rank each target from exactly the events before it in the global order and learn
/// in that order, as <c>next_track_baselines.py</c> does.</para>
/// <para><b>Freshness of answers.</b> Before a target is scored the recommender is polled until its answer
/// reports the user's previous event as applied (so quality is not confused with lag); after
/// <see cref="LiveReplayOptions.ApplyTimeout"/> the answer is scored as it is and counted stale.</para>
/// </summary>
public sealed class LiveReplayRunner(
    ReplayTimeline timeline,
    IReadOnlyList<ReplayStep> steps,
    IEventGateway gateway,
    INextTrackService recommender,
    ITrackIds trackIds,
    BaselineEvaluator baselines,
    LiveReplayOptions options,
    Func<double> clock,
    Func<string, string?>? coverage = null)
{
    public const string SystemModel = "system";

    /// <summary>Stale answers with nothing ever seen applied after which the replay gives up.</summary>
    public const int NothingAppliedLimit = 20;

    private readonly AppliedTracker _tracker = new(timeline.UserIds, options.Partitions);

    public Scoreboard Board { get; } = new([SystemModel, .. baselines.Models.Select(m => m.Name)]);

    public ReplayCounters Counters { get; } = new();

    /// <summary>Milliseconds from the first ask to the answer that reflected the user's previous event.</summary>
    public SampleRecorder ApplyWaits { get; } = new();

    public AppliedTracker Tracker => _tracker;

    public int TargetsPlanned { get; } = steps.Count(s => s.AsksFirst);

    public LagGate? Gate { get; private set; }

    public async Task<LiveReplayOutcome> RunAsync(CancellationToken cancellationToken)
    {
        var gate = Gate = new LagGate(_tracker, recommender, timeline.UserIds, options, clock);
        var tasks = new Task?[steps.Count];
        var lastOfUser = new Task?[timeline.UserIds.Count];
        var oldest = 0;
        var started = clock();
        var firstTime = timeline.Events.Count > 0 ? timeline.Events[0].OccurredAt : default;
        var cancelled = false;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            for (var s = 0; s < steps.Count; s++)
            {
                var step = steps[s];
                await PaceAsync(step, firstTime, started, stop.Token);
                while (oldest <= s - options.Concurrency)
                {
                    await tasks[oldest++]!;
                }
                if (lastOfUser[step.UserOrdinal] is { } previous)
                {
                    await previous;
                }
                await gate.WaitAsync(step.UserOrdinal, step.Events.Count, stop.Token);

                EvaluatedEvent? target = null;
                foreach (var e in step.Events)
                {
                    var evaluated = baselines.Advance(e);
                    if (evaluated.Decision.IsTarget)
                    {
                        target = evaluated;
                    }
                }
                if ((target is not null) != step.AsksFirst || (target is not null && target.Event != step.First))
                {
                    throw new InvalidOperationException($"Plan and evaluator disagree about the target of step {s}.");
                }
                _tracker.Reserve(step.UserOrdinal, step.Events.Count);
                tasks[s] = lastOfUser[step.UserOrdinal] = RunStepAsync(step, target, stop.Token);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            cancelled = true;
        }
        catch
        {
            await stop.CancelAsync();
            await Task.WhenAll(tasks.Where(t => t is not null).Select(t => t!.ContinueWith(_ => { }, TaskScheduler.Default)));
            throw;
        }

        try
        {
            await Task.WhenAll(tasks.Where(t => t is not null).Select(t => t!));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            cancelled = true;
        }
        return new LiveReplayOutcome(clock() - started, cancelled, tasks.Count(t => t is not null), steps.Count);
    }

    private async Task PaceAsync(ReplayStep step, DateTimeOffset firstTime, double started, CancellationToken cancellationToken)
    {
        if (options.Speedup <= 0)
        {
            return;
        }
        var due = started + (step.First.OccurredAt - firstTime).TotalSeconds / options.Speedup;
        var wait = due - clock();
        if (wait > 0.001)
        {
            await Task.Delay(TimeSpan.FromSeconds(wait), cancellationToken);
        }
    }

    private async Task RunStepAsync(ReplayStep step, EvaluatedEvent? target, CancellationToken cancellationToken)
    {
        try
        {
            if (target is not null)
            {
                await ScoreAsync(target, cancellationToken);
            }
            var outgoing = step.Events.Select(OutgoingEvent.FromTimeline).ToArray();
            var result = await gateway.PostAsync(outgoing, cancellationToken);
            var rejected = result.RejectedIndexes.ToHashSet();
            for (var i = step.Events.Count - 1; i >= 0; i--)
            {
                if (!rejected.Contains(i))
                {
                    _tracker.Posted(step.UserOrdinal, step.Events[i].PlayIndex);
                    break;
                }
            }
            Counters.Posted(step.Events.Count - rejected.Count, rejected.Count, result.FirstRejection);
        }
        finally
        {
            _tracker.Release(step.UserOrdinal, step.Events.Count);
        }
    }

    private async Task ScoreAsync(EvaluatedEvent target, CancellationToken cancellationToken)
    {
        var e = target.Event;
        var expected = _tracker.LastPostedOf(e.UserOrdinal);
        var exclude = target.Decision.Exclude.Select(timeline.TrackKeys.IdOf).ToArray();
        var asked = clock();
        var delay = options.PollStart;
        NextAnswer answer;
        bool fresh;
        while (true)
        {
            answer = await recommender.NextAsync(e.UserId, e.Play.SessionId, ReplayProtocol.ListLength, exclude, ReplayProtocol.AskedAt(e), cancellationToken);
            var applied = _tracker.Observe(e.UserOrdinal, answer);
            if (expected < 0 || applied >= expected)
            {
                fresh = true;
                break;
            }
            if (clock() - asked >= options.ApplyTimeout.TotalSeconds)
            {
                fresh = false;
                break;
            }
            await Task.Delay(delay, cancellationToken);
            delay = TimeSpan.FromTicks(Math.Min((long)(delay.Ticks * 1.5), options.PollMax.Ticks));
        }
        var answeredAt = clock();
        if (fresh)
        {
            ApplyWaits.Add(answeredAt, (answeredAt - asked) * 1000);
        }
        Counters.Answered(fresh, answer.Degraded);
        if (!fresh && Counters.StaleAnswers >= NothingAppliedLimit && !_tracker.AnyApplied)
        {
            throw new ReplayFatalException(
                $"{Counters.StaleAnswers} answers in a row reflected none of the posted events: the taste worker applies nothing " +
                "(is it running and consuming listening-events?), or the recommender does not report lastAppliedEventId.");
        }

        var ranked = SystemList(answer, target.Decision.Exclude);
        var systemRank = RankingMetrics.RankOf(ranked, e.TrackId, ReplayProtocol.ListLength);
        Board.Add(new TargetRecord(e.GlobalIndex, e.UserId, e.OccurredAt, answeredAt, [systemRank, .. target.BaselineRanks],
            answer.Strategy ?? "unknown", coverage?.Invoke(e.TrackId)));
    }

    /// <summary>The system's list as scored: canonical ids, the protocol's exclusions removed, first 10.</summary>
    private List<string> SystemList(NextAnswer answer, IReadOnlySet<int> exclude) =>
        answer.TrackIds
            .Select(trackIds.Canonical)
            .Where(id => timeline.TrackKeys.Find(id) is var key && (key < 0 || !exclude.Contains(key)))
            .Distinct(StringComparer.Ordinal)
            .Take(ReplayProtocol.ListLength)
            .ToList();
}

/// <param name="Seconds">Wall time of the replay (dispatch to the last answer).</param>
/// <param name="Cancelled">Stopped early (Ctrl+C): the figures cover the steps that ran.</param>
public sealed record LiveReplayOutcome(double Seconds, bool Cancelled, int StepsRun, int StepsPlanned);
