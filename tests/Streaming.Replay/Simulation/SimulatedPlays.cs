using Streaming.NextTrack.Training;
using Streaming.Replay.Protocol;

namespace Streaming.Replay.Simulation;

/// <summary>The timeline as the simulation replays it: the plays the live replay would post, in the same order.</summary>
public static class SimulatedPlays
{
    public static SimulatedPlay[] From(ReplayTimeline timeline)
    {
        var counts = new Dictionary<int, int>();
        foreach (var e in timeline.Events)
        {
            counts[e.UserOrdinal] = counts.GetValueOrDefault(e.UserOrdinal) + 1;
        }
        return timeline.Events.Select(e => new SimulatedPlay(
            e.UserId, e.EventId, e.TrackId, e.Play.SessionId, e.OccurredAt, e.Play.MsPlayed, e.Play.DurationMs, e.Play.IsPrivate,
            e.IsScoredPhase ? PlayPhase.Scored : PlayPhase.Warmup, (double)e.PlayIndex / counts[e.UserOrdinal])).ToArray();
    }
}
