using Streaming.Replay.Protocol;

namespace Streaming.Replay.Baselines;

/// <summary>Global popularity so far: the most played tracks (non-skip, non-private plays of every user).</summary>
public sealed class PopularityBaseline : INextTrackModel
{
    private readonly PopularityRanking _popularity = new();

    public string Name => "popularity";

    public IReadOnlyList<int> Recommend(TimelineEvent next, IReadOnlySet<int> exclude, int count) =>
        _popularity.Top(count, exclude.Contains);

    public void Observe(TimelineEvent e)
    {
        if (!e.IsSkip && !e.Play.IsPrivate)
        {
            _popularity.Increment(e.TrackKey);
        }
    }
}
