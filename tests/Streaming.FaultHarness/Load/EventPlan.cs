using System.Globalization;

namespace Streaming.FaultHarness.Load;

/// <summary>
/// The events of a run's users, in the order they are sent: user by user round robin or at random, each user's
/// n-th event playing the n-th track of its own rotation of the catalog, so no user plays a track twice.
/// </summary>
public sealed class EventPlan
{
    private readonly string _prefix;
    private readonly IReadOnlyList<string> _tracks;
    private readonly long[] _next;
    private readonly int[] _offset;
    private readonly Random _random;
    private int _roundRobin;

    /// <param name="prefix">Unique per run (event and user ids start with it).</param>
    public EventPlan(string prefix, int users, IReadOnlyList<string> tracks, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(users, 1);
        _prefix = prefix;
        _tracks = tracks;
        _next = new long[users];
        _offset = new int[users];
        _random = new Random(seed);
        for (var u = 0; u < users; u++)
        {
            _offset[u] = _random.Next(tracks.Count);
        }
        Users = Enumerable.Range(0, users).Select(UserId).ToArray();
    }

    public IReadOnlyList<string> Users { get; }

    /// <summary>The most events one user can have (then its tracks would repeat).</summary>
    public int EventsPerUserLimit => _tracks.Count;

    /// <summary>The next event of a user picked at random (<paramref name="roundRobin"/>: of the next user in turn).</summary>
    public PlannedEvent Next(bool roundRobin = false)
    {
        var user = roundRobin ? _roundRobin++ % _next.Length : _random.Next(_next.Length);
        var sequence = _next[user]++;
        if (sequence >= _tracks.Count)
        {
            throw new InvalidOperationException($"user {UserId(user)} would play a track twice: plan more users for this many events.");
        }
        var track = _tracks[(int)((_offset[user] + sequence) % _tracks.Count)];
        return new PlannedEvent($"{_prefix}-{user.ToString(CultureInfo.InvariantCulture)}-{sequence.ToString(CultureInfo.InvariantCulture)}", UserId(user), track, sequence);
    }

    /// <summary>The sequence number of an event id of this plan (what <see cref="PlannedEvent.Sequence"/> was), or -1.</summary>
    public static long SequenceOf(string? eventId) =>
        eventId is not null && eventId.LastIndexOf('-') is var dash and >= 0
        && long.TryParse(eventId.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) ? sequence : -1;

    private string UserId(int user) => $"{_prefix}-u{user.ToString(CultureInfo.InvariantCulture)}";
}
