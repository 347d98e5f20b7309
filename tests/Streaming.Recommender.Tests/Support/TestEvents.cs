using Streaming.Contracts.Events;

namespace Streaming.Recommender.Tests.Support;

/// <summary>Listening events of one user session on a clock that advances by a track length per play.</summary>
internal sealed class TestEvents(string userId, DateTimeOffset start)
{
    public const int TrackMs = 200_000;

    private int _sequence;

    public string UserId => userId;

    public DateTimeOffset Clock { get; private set; } = start;

    public string SessionId { get; private set; } = userId + "-s0";

    public List<ListeningEvent> Events { get; } = [];

    /// <summary>Starts a new session after a gap longer than the session gap (30 min).</summary>
    public TestEvents NewSession(TimeSpan? gap = null)
    {
        Clock += gap ?? TimeSpan.FromHours(2);
        SessionId = $"{userId}-s{++_sequence}";
        return this;
    }

    public TestEvents At(DateTimeOffset time)
    {
        Clock = time;
        return this;
    }

    public TestEvents Play(string trackId, bool isPrivate = false) =>
        Add(trackId, ListeningEventKind.PlayEnded, TrackMs, isPrivate);

    public TestEvents Plays(IEnumerable<string> trackIds, bool isPrivate = false)
    {
        foreach (var id in trackIds)
        {
            Play(id, isPrivate);
        }
        return this;
    }

    public TestEvents Skip(string trackId) => Add(trackId, ListeningEventKind.Skip, 4_000, false);

    public ListeningEvent Last => Events[^1];

    /// <summary><c>at=</c> the player's clock now (its last event), URL-encoded: what a player asking mid-session sends.</summary>
    public string AtNow => "at=" + Uri.EscapeDataString(Clock.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture));

    private TestEvents Add(string trackId, ListeningEventKind kind, int msPlayed, bool isPrivate)
    {
        Clock += TimeSpan.FromMilliseconds(msPlayed);
        Events.Add(new ListeningEvent
        {
            EventId = $"{userId}-e{Events.Count:D5}-{Guid.NewGuid():N}",
            UserId = userId,
            TrackId = trackId,
            SessionId = SessionId,
            Kind = kind,
            OccurredAt = Clock,
            MsPlayed = msPlayed,
            TrackDurationMs = TrackMs,
            PrivateSession = isPrivate,
        });
        Clock += TimeSpan.FromSeconds(2);
        return this;
    }
}
