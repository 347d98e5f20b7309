using Streaming.Replay.Sources;

namespace Streaming.Replay.Protocol;

/// <summary>
/// All users' plays in one global order: event time, then user order (the dataset's), then the user's
/// own order. The first <c>int(n * 0.7)</c> plays of each user warm up, the rest are scored.
/// </summary>
public sealed class ReplayTimeline
{
    private ReplayTimeline(IReadOnlyList<TimelineEvent> events, TrackKeys trackKeys, IReadOnlyList<string> userIds)
    {
        Events = events;
        TrackKeys = trackKeys;
        UserIds = userIds;
    }

    public IReadOnlyList<TimelineEvent> Events { get; }

    public TrackKeys TrackKeys { get; }

    public IReadOnlyList<string> UserIds { get; }

    public static ReplayTimeline Build(ReplayDataset dataset)
    {
        var keys = new TrackKeys();
        var staged = new List<(DateTimeOffset Time, int User, int Index, int Key, ReplayPlay Play, bool Scored)>(dataset.PlayCount);
        for (var u = 0; u < dataset.Users.Count; u++)
        {
            var plays = dataset.Users[u].Plays;
            var warmup = ReplayProtocol.WarmupCount(plays.Count);
            for (var i = 0; i < plays.Count; i++)
            {
                staged.Add((plays[i].OccurredAt, u, i, keys.KeyOf(plays[i].TrackId), plays[i], i >= warmup));
            }
        }
        var ordered = staged
            .OrderBy(s => s.Time)
            .ThenBy(s => s.User)
            .ThenBy(s => s.Index)
            .Select((s, g) => new TimelineEvent(g, s.User, dataset.Users[s.User].UserId, s.Index, s.Key, s.Play, s.Scored))
            .ToArray();
        return new ReplayTimeline(ordered, keys, dataset.Users.Select(u => u.UserId).ToArray());
    }
}
