using Streaming.Replay.Protocol;
using Streaming.Replay.Sources;

namespace Streaming.Replay.Tests;

/// <summary>Hand-made plays and timelines for the tests.</summary>
internal static class TestData
{
    public static readonly DateTimeOffset T0 = new(2024, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public static ReplayPlay Play(string track, double minutes, int msPlayed = 200_000, string session = "s") =>
        new(track, session, T0.AddMinutes(minutes), msPlayed);

    public static ReplayUser User(string id, params ReplayPlay[] plays) => new(id, plays);

    public static ReplayDataset Dataset(params ReplayUser[] users) => new("test", "hand-made", users, []);

    /// <summary>Events for driving models directly: all in the scored phase, user ordinal from the id's position.</summary>
    public static TimelineEvent Event(TrackKeys keys, int user, string track, double minutes, int msPlayed = 200_000, int index = 0) =>
        new(0, user, $"u{user}", index, keys.KeyOf(track), Play(track, minutes, msPlayed), IsScoredPhase: true);

    public static string TempFolder()
    {
        var path = Path.Combine(Path.GetTempPath(), "replay-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
