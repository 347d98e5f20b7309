using Streaming.Replay.Protocol;

namespace Streaming.Replay.Live;

/// <summary>
/// Consecutive events of one user in the global order, posted as one batch. When <see cref="AsksFirst"/>,
/// its first event is a scored target: the recommender is asked before that play is posted.
/// </summary>
public sealed record ReplayStep(int Ordinal, int UserOrdinal, IReadOnlyList<TimelineEvent> Events, bool AsksFirst)
{
    public TimelineEvent First => Events[0];
}
