namespace Streaming.NextTrack.Candidates;

/// <summary>
/// Directional successors: what all listeners played right after the session's latest tracks (decayed counts in
/// event time). The newest source weighs 1, then 1/2, 1/4...: what follows follows the last play most.
/// </summary>
public static class SuccessorSource
{
    public static IReadOnlyList<ScoredRow> Candidates(ListeningContext context, SourceLists lists, int take)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(lists);
        return ListMerge.Merge(lists.Successors, static s => Math.Pow(0.5, s), context.Excluded, take);
    }
}
