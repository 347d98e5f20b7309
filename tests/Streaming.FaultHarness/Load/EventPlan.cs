using System.Globalization;

namespace Streaming.FaultHarness.Load;

/// <summary>
/// The events of a run's users, in the order they are sent: user by user round robin or at random, each user's
/// n-th event playing the n-th track of its own rotation of the catalog, so no user plays a track twice
/// (unless the plan repeats a short rotation, as the soak does).
/// </summary>
public sealed class EventPlan
{
    private readonly string _prefix;
    private readonly IReadOnlyList<string> _tracks;
    private readonly long[] _next;
    private readonly int[] _offset;
    private readonly Random _random;
    private readonly int? _repeatAfter;
    private int _roundRobin;

    /// <param name="prefix">Unique per run (event and user ids start with it).</param>
    public EventPlan(string prefix, int users, IReadOnlyList<string> tracks, int seed)
        : this(prefix, Enumerable.Range(0, users).Select(u => $"{prefix}-u{u.ToString(CultureInfo.InvariantCulture)}").ToArray(), tracks, seed, repeatAfter: null)
    {
    }

    /// <param name="prefix">Unique per plan (event ids start with it).</param>
    /// <param name="users">The users, who may have played in earlier plans.</param>
    /// <param name="repeatAfter">Each user plays a rotation of this many tracks, over and over (the soak's favourites); null: never a track twice.</param>
    public EventPlan(string prefix, IReadOnlyList<string> users, IReadOnlyList<string> tracks, int seed, int? repeatAfter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(users.Count, 1);
        _prefix = prefix;
        _tracks = tracks;
        _repeatAfter = repeatAfter;
        _next = new long[users.Count];
        _offset = new int[users.Count];
        _random = new Random(seed);
        for (var u = 0; u < users.Count; u++)
        {
            _offset[u] = _random.Next(tracks.Count);
        }
        Users = users;
    }

    public IReadOnlyList<string> Users { get; }

    /// <summary>The next event of a user picked at random (<paramref name="roundRobin"/>: of the next user in turn).</summary>
    public PlannedEvent Next(bool roundRobin = false)
    {
        var user = roundRobin ? _roundRobin++ % _next.Length : _random.Next(_next.Length);
        var sequence = _next[user]++;
        if (_repeatAfter is null && sequence >= _tracks.Count)
        {
            throw new InvalidOperationException($"user {Users[user]} would play a track twice: plan more users for this many events.");
        }
        var track = _tracks[(int)((_offset[user] + sequence % (_repeatAfter ?? _tracks.Count)) % _tracks.Count)];
        return new PlannedEvent($"{_prefix}-{user.ToString(CultureInfo.InvariantCulture)}-{sequence.ToString(CultureInfo.InvariantCulture)}", Users[user], track, sequence);
    }

    /// <summary>The sequence number of an event id of this plan (what <see cref="PlannedEvent.Sequence"/> was), or -1.</summary>
    public static long SequenceOf(string? eventId) =>
        eventId is not null && eventId.LastIndexOf('-') is var dash and >= 0
        && long.TryParse(eventId.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) ? sequence : -1;
}
