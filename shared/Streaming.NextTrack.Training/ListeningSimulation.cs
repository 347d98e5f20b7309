using Streaming.TasteMath;
using Streaming.TasteStore;

namespace Streaming.NextTrack.Training;

/// <summary>
/// Replays plays in global time order through the worker's fold into <see cref="InMemoryListeners"/> and, before
/// every protocol target, hands over what the recommender would see: the same context, lists and trending. A target
/// (the replay protocol's) is a play that is not a skip and whose track is not among the listener's last 20 plays;
/// those 20 are excluded from the answer, as the replay asks the recommender to.
/// </summary>
public sealed class ListeningSimulation(RankingCatalog catalog, NextTrackSettings settings, TasteFolder folder, TasteStoreOptions storeOptions)
{
    public const int ProtocolRecentWindow = 20;
    public const int SkipBelowMs = 30_000;

    /// <summary>Trending entries the recommender's cache holds.</summary>
    public const int TrendingSize = 500;

    public RankingCatalog Catalog => catalog;

    public NextTrackSettings Settings => settings;

    private readonly InMemoryListeners _store = new(catalog.Snapshot, folder, storeOptions);
    private readonly Dictionary<string, Queue<string>> _recent = new(StringComparer.Ordinal);

    /// <summary>Replays <paramref name="plays"/> (global order) and hands over the targets <paramref name="wanted"/> picks.</summary>
    public void Run(IEnumerable<SimulatedPlay> plays, Func<SimulatedPlay, bool> wanted, Action<SimulatedTarget> onTarget)
    {
        ArgumentNullException.ThrowIfNull(plays);
        ArgumentNullException.ThrowIfNull(onTarget);
        foreach (var play in plays)
        {
            if (Step(play, wanted) is { } target)
            {
                onTarget(target);
            }
        }
    }

    /// <summary>
    /// One play in global order: when it is a protocol target that <paramref name="wanted"/> picks, what the system
    /// knew just before it (else null); then the play is applied.
    /// </summary>
    public SimulatedTarget? Step(SimulatedPlay play, Func<SimulatedPlay, bool> wanted)
    {
        ArgumentNullException.ThrowIfNull(play);
        ArgumentNullException.ThrowIfNull(wanted);
        var canonical = Canonical(play.TrackId);
        if (!_recent.TryGetValue(play.UserId, out var last))
        {
            _recent[play.UserId] = last = new Queue<string>(ProtocolRecentWindow + 1);
        }
        SimulatedTarget? target = null;
        if (IsTarget(play, last, canonical) && wanted(play))
        {
            var startMs = play.OccurredAt.ToUnixTimeMilliseconds() - play.MsPlayed;
            var context = ListeningContext.Create(catalog, _store.StateOf(play.UserId), settings, startMs, last);
            target = new SimulatedTarget(play, catalog.RowOf(canonical), context, _store.ListsFor(context, catalog), _store.TrendingRows(catalog, TrendingSize));
        }
        _store.Apply(play);
        last.Enqueue(canonical);
        if (last.Count > ProtocolRecentWindow)
        {
            last.Dequeue();
        }
        return target;
    }

    /// <summary>The replay protocol's target rule: not a skip, and a track not among the listener's last 20 plays.</summary>
    private static bool IsTarget(SimulatedPlay play, Queue<string> last, string canonical) =>
        play.MsPlayed >= SkipBelowMs && !last.Contains(canonical);

    private string Canonical(string trackId) => catalog.RowOf(trackId) is var row and >= 0 ? catalog.Snapshot.Tracks[row].Id : trackId;
}
