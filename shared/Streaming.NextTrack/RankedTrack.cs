using Streaming.NextTrack.Candidates;

namespace Streaming.NextTrack;

/// <summary>One answer entry: the row, its ranking score and why it is there (<paramref name="Because"/>: the source track the reason names, or -1).</summary>
public readonly record struct RankedTrack(int Row, float Score, CandidateOrigin Origin, int Because);
