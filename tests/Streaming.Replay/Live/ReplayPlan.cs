using Streaming.Replay.Protocol;

namespace Streaming.Replay.Live;

/// <summary>
/// Cuts the global timeline into steps: a step holds consecutive events of one user (so batching never
/// reorders anything), ends at <c>batchSize</c> events, and a scored target always starts a new step.
/// </summary>
public static class ReplayPlan
{
    public static IReadOnlyList<ReplayStep> Build(ReplayTimeline timeline, int batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var selector = new TargetSelector();
        var steps = new List<ReplayStep>();
        List<TimelineEvent>? current = null;
        var currentAsks = false;
        foreach (var e in timeline.Events)
        {
            var isTarget = selector.Inspect(e).IsTarget;
            selector.Observe(e);
            if (current is null || isTarget || current.Count == batchSize || current[0].UserOrdinal != e.UserOrdinal)
            {
                if (current is not null)
                {
                    steps.Add(new ReplayStep(steps.Count, current[0].UserOrdinal, current, currentAsks));
                }
                current = [];
                currentAsks = isTarget;
            }
            current.Add(e);
        }
        if (current is not null)
        {
            steps.Add(new ReplayStep(steps.Count, current[0].UserOrdinal, current, currentAsks));
        }
        return steps;
    }
}
