namespace Streaming.TasteMath;

/// <summary>What one listener did with one track, public plays only (private sessions never enter).</summary>
/// <param name="Track">The track's <see cref="TrackKey"/>.</param>
/// <param name="Plays">Counted plays (not skipped), saturating at 65,535.</param>
/// <param name="Skips">Skips, saturating at 65,535.</param>
/// <param name="LastSeconds">Event time (unix seconds) of the last counted play, or of the last skip when never played.</param>
/// <param name="Next">The track this listener played right after it the last time, in the same session (<see cref="TrackKey.None"/> when none).</param>
public readonly record struct HistoryEntry(ulong Track, ushort Plays, ushort Skips, uint LastSeconds, ulong Next);
