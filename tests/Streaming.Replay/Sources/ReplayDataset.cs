namespace Streaming.Replay.Sources;

/// <summary>What a source produced: users in a fixed order (the tie-break of the global time order).</summary>
/// <param name="Source">Short name: <c>history</c>, <c>mpd</c> or <c>synthetic</c>.</param>
/// <param name="Description">Where it came from, for the report.</param>
/// <param name="Notes">Facts worth a line in the report (identity merges, clamps, ...).</param>
public sealed record ReplayDataset(
    string Source,
    string Description,
    IReadOnlyList<ReplayUser> Users,
    IReadOnlyList<string> Notes)
{
    public int PlayCount => Users.Sum(u => u.Plays.Count);
}
