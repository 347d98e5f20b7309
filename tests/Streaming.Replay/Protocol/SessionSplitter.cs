namespace Streaming.Replay.Protocol;

/// <summary>Session ids for sources without sessions: a new session after more than 30 minutes of silence.</summary>
public static class SessionSplitter
{
    /// <summary>One session id per time (times in order): <c>{userId}-s00000</c>, <c>{userId}-s00001</c>, ...</summary>
    public static string[] Assign(string userId, IReadOnlyList<DateTimeOffset> times)
    {
        var ids = new string[times.Count];
        var session = 0;
        for (var i = 0; i < times.Count; i++)
        {
            if (i > 0 && ReplayProtocol.StartsNewSession(times[i - 1], times[i]))
            {
                session++;
            }
            ids[i] = SessionId(userId, session);
        }
        return ids;
    }

    public static string SessionId(string userId, int ordinal) => $"{userId}-s{ordinal:D5}";
}
