using Streaming.Replay.Protocol;

namespace Streaming.Replay.Evaluation;

/// <summary>The baselines over a whole timeline with no services: what <c>next_track_baselines.py</c> computes.</summary>
public static class OfflineEvaluation
{
    public static Scoreboard Run(ReplayTimeline timeline, BaselineEvaluator? evaluator = null, Action<int>? progress = null)
    {
        evaluator ??= BaselineEvaluator.Standard();
        var board = new Scoreboard(evaluator.Models.Select(m => m.Name).ToArray());
        foreach (var e in timeline.Events)
        {
            var evaluated = evaluator.Advance(e);
            if (evaluated.Decision.IsTarget)
            {
                board.Add(new TargetRecord(e.GlobalIndex, e.UserId, e.OccurredAt, 0, evaluated.BaselineRanks));
            }
            if ((e.GlobalIndex & 0x3FFF) == 0)
            {
                progress?.Invoke(e.GlobalIndex);
            }
        }
        progress?.Invoke(timeline.Events.Count);
        return board;
    }
}
