using Streaming.NextTrack.Candidates;
using Streaming.NextTrack.Features;
using Streaming.Ranking.Training;

namespace Streaming.NextTrack.Training;

/// <summary>
/// Ranking groups from simulated targets: one group per target whose track made the candidate pool (label 1 for it,
/// 0 for every other candidate). Targets whose track the pool missed teach the ranker nothing and are only counted.
/// Private-session plays are never labels: a private play may steer its own session, never what the ranker learns.
/// </summary>
public sealed class TrainingSet
{
    private readonly List<RankingGroup> _groups = [];
    private readonly List<string> _users = [];
    private readonly Dictionary<string, int> _targetsOfUsers = new(StringComparer.Ordinal);

    public IReadOnlyList<RankingGroup> Groups => _groups;

    /// <summary>The listener of each group (for leave-listeners-out folds).</summary>
    public IReadOnlyList<string> Users => _users;

    public int Targets { get; private set; }

    /// <summary>Targets per listener, in the pool or not.</summary>
    public IReadOnlyDictionary<string, int> TargetsOfUsers => _targetsOfUsers;

    /// <summary>Targets whose track was not in the pool.</summary>
    public int Missed { get; private set; }

    public void Add(SimulatedTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.Play.Private)
        {
            return;
        }
        Targets++;
        _targetsOfUsers[target.Play.UserId] = _targetsOfUsers.GetValueOrDefault(target.Play.UserId) + 1;
        var pool = NextTrackRanking.BuildPool(target.Context, target.Lists, target.Trending);
        var slot = target.TargetRow >= 0 ? pool.SlotOf(target.TargetRow) : -1;
        if (slot < 0)
        {
            Missed++;
            return;
        }
        _groups.Add(Group(target.Context, pool, slot));
        _users.Add(target.Play.UserId);
    }

    /// <summary>The group of a pool with the relevant candidate at <paramref name="relevantSlot"/>.</summary>
    public static RankingGroup Group(ListeningContext context, CandidatePool pool, int relevantSlot)
    {
        var features = new float[pool.Count * FeatureNames.Count];
        using (var extractor = new FeatureExtractor(context))
        {
            extractor.Extract(pool, features);
        }
        var labels = new float[pool.Count];
        labels[relevantSlot] = 1;
        return new RankingGroup(features, labels, FeatureNames.Count);
    }
}
