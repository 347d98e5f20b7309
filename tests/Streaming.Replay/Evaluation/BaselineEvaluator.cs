using Streaming.Replay.Baselines;
using Streaming.Replay.Metrics;
using Streaming.Replay.Protocol;

namespace Streaming.Replay.Evaluation;

/// <summary>
/// Walks events in global order: decides whether each is a target, lets every baseline rank it from
/// what it learned of all earlier events, then lets them learn from it. Not thread-safe: one caller, in order.
/// </summary>
public sealed class BaselineEvaluator(IReadOnlyList<INextTrackModel> models)
{
    private readonly TargetSelector _selector = new();

    public IReadOnlyList<INextTrackModel> Models => models;

    public static BaselineEvaluator Standard() => new([new PopularityBaseline(), new SessionKnnBaseline()]);

    public EvaluatedEvent Advance(TimelineEvent e)
    {
        var decision = _selector.Inspect(e);
        var ranks = Array.Empty<int>();
        if (decision.IsTarget)
        {
            ranks = new int[models.Count];
            for (var m = 0; m < models.Count; m++)
            {
                var recommended = models[m].Recommend(e, decision.Exclude, ReplayProtocol.ListLength);
                ranks[m] = RankingMetrics.RankOf(recommended, e.TrackKey, ReplayProtocol.ListLength);
            }
        }
        foreach (var model in models)
        {
            model.Observe(e);
        }
        _selector.Observe(e);
        return new EvaluatedEvent(e, decision, ranks);
    }
}

/// <param name="BaselineRanks">Per model (in <see cref="BaselineEvaluator.Models"/> order): 1-based rank of the target, 0 = miss; empty when not a target.</param>
public sealed record EvaluatedEvent(TimelineEvent Event, TargetDecision Decision, int[] BaselineRanks);
