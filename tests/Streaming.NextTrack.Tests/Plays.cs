using Streaming.NextTrack.Training;

namespace Streaming.NextTrack.Tests;

/// <summary>Hand-made plays for the simulation tests: one every 4 minutes from <see cref="TestWorld.T0"/>, 3 minutes long unless told.</summary>
internal sealed class Plays
{
    private readonly List<SimulatedPlay> _plays = [];

    public IReadOnlyList<SimulatedPlay> All => _plays;

    public SimulatedPlay this[int index] => _plays[index];

    public Plays Add(int row, int ms = 180_000, string user = "u1", string session = "s1", bool isPrivate = false, string? trackId = null)
    {
        var at = DateTimeOffset.FromUnixTimeMilliseconds(TestWorld.T0 + (_plays.Count * 4 * TestWorld.Minute));
        _plays.Add(new SimulatedPlay(user, "e" + _plays.Count, trackId ?? TestWorld.Id(row), session, at, ms, null, isPrivate, PlayPhase.Warmup));
        return this;
    }
}
