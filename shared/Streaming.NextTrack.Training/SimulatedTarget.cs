namespace Streaming.NextTrack.Training;

/// <summary>A protocol target met during a simulation: the play about to happen and everything the system knew just before it.</summary>
/// <param name="TargetRow">The row of the track the listener played next (-1 when the catalog does not know it).</param>
/// <param name="Trending">The trending rows (scores in [0, 1]) as the recommender's cache would hold them.</param>
public sealed record SimulatedTarget(
    SimulatedPlay Play,
    int TargetRow,
    ListeningContext Context,
    SourceLists Lists,
    IReadOnlyList<ScoredRow> Trending);
