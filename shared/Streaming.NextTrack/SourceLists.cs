namespace Streaming.NextTrack;

/// <summary>
/// The shared aggregates read for a context's source tracks, aligned with <see cref="ListeningContext.SourceRows"/>
/// (entry i belongs to source i): tracks co-listened with it and tracks played right after it, each as decayed
/// counts as of the request time, best first. Tracks the catalog does not know are left out.
/// </summary>
public sealed record SourceLists(IReadOnlyList<ScoredRow>[] CoListening, IReadOnlyList<ScoredRow>[] Successors)
{
    public static SourceLists None(int sources) =>
        new(Enumerable.Repeat<IReadOnlyList<ScoredRow>>([], sources).ToArray(), Enumerable.Repeat<IReadOnlyList<ScoredRow>>([], sources).ToArray());
}
