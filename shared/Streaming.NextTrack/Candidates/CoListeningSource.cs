namespace Streaming.NextTrack.Candidates;

/// <summary>
/// Session co-listening: tracks all listeners played near the session's latest tracks, learned online by the
/// worker. The newest source weighs 1, the one before 1/2, then 1/3... (session item-kNN's weighting), over
/// decayed counts, so a pair heard together often outranks one heard once.
/// </summary>
public static class CoListeningSource
{
    public static IReadOnlyList<ScoredRow> Candidates(ListeningContext context, SourceLists lists, int take)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(lists);
        return ListMerge.Merge(lists.CoListening, static s => 1.0 / (s + 1), context.Excluded, take);
    }
}
