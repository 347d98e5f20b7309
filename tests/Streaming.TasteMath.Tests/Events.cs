using Streaming.Contracts.Events;

namespace Streaming.TasteMath.Tests;

internal static class Events
{
    public static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static int _next;

    public static ListeningEvent Play(string track, DateTimeOffset at, string session = "s1", bool isPrivate = false, int ms = 200_000, int? duration = 200_000) => new()
    {
        EventId = "e" + Interlocked.Increment(ref _next),
        UserId = "u1",
        TrackId = track,
        SessionId = session,
        Kind = ListeningEventKind.PlayEnded,
        OccurredAt = at,
        MsPlayed = ms,
        TrackDurationMs = duration,
        PrivateSession = isPrivate,
    };

    public static ListeningEvent Of(ListeningEventKind kind, string track, DateTimeOffset at, string session = "s1", int? ms = null, bool isPrivate = false) => new()
    {
        EventId = "e" + Interlocked.Increment(ref _next),
        UserId = "u1",
        TrackId = track,
        SessionId = session,
        Kind = kind,
        OccurredAt = at,
        MsPlayed = ms,
        PrivateSession = isPrivate,
    };

    public static float[] Unit(int dims, int axis)
    {
        var v = new float[dims];
        v[axis] = 1f;
        return v;
    }
}
