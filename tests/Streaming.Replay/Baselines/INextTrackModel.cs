using Streaming.Replay.Protocol;

namespace Streaming.Replay.Baselines;

/// <summary>
/// A next-track model that learns online from the replayed events, in global order: for each event the
/// evaluator may call <see cref="Recommend"/> (before the play) and then always calls <see cref="Observe"/>.
/// </summary>
public interface INextTrackModel
{
    string Name { get; }

    /// <summary>Up to <paramref name="count"/> track keys, best first, none of them in <paramref name="exclude"/>.</summary>
    IReadOnlyList<int> Recommend(TimelineEvent next, IReadOnlySet<int> exclude, int count);

    void Observe(TimelineEvent e);
}
