using Streaming.Replay.Live;
using Streaming.Replay.Protocol;
using Streaming.Replay.Sources;

namespace Streaming.Replay.Tests;

/// <summary>
/// An in-memory gateway + recommender. An event counts as applied after <see cref="PollsUntilApplied"/>
/// recommender calls for its user (0 = at once); the default answer is an oracle that returns the
/// track the user plays next, so a fresh answer is always a hit.
/// </summary>
internal sealed class FakeSystem(ReplayDataset dataset) : IEventGateway, INextTrackService
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, int> _posted = [];
    private readonly Dictionary<string, int> _applied = [];
    private readonly Dictionary<string, int> _pendingPolls = [];
    private readonly Dictionary<string, ReplayUser> _users = dataset.Users.ToDictionary(u => u.UserId);

    public int PollsUntilApplied { get; init; }

    /// <summary>Events after this play index are never applied (-1: nothing ever is).</summary>
    public int ApplyUpToIndex { get; init; } = int.MaxValue;

    /// <summary>(kind, userId, play index): "post" per event, "ask" with the index of the user's next play.</summary>
    public List<(string Kind, string UserId, int PlayIndex)> Log { get; } = [];

    /// <summary>Largest number of posted-but-unapplied events, all users together, right after a post.</summary>
    public int MaxUnappliedAfterPost { get; private set; }

    public Task<PostResult> PostAsync(IReadOnlyList<OutgoingEvent> events, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            foreach (var e in events)
            {
                var index = ReplayIds.PlayIndexOf(e.UserId, e.EventId)!.Value;
                Log.Add(("post", e.UserId, index));
                _posted[e.UserId] = index;
                _pendingPolls[e.UserId] = PollsUntilApplied;
                if (PollsUntilApplied == 0)
                {
                    Apply(e.UserId, index);
                }
                MaxUnappliedAfterPost = Math.Max(MaxUnappliedAfterPost,
                    _posted.Sum(p => p.Value - _applied.GetValueOrDefault(p.Key, -1)));
            }
        }
        return Task.FromResult(PostResult.AllAccepted(events.Count));
    }

    public Task<NextAnswer> NextAsync(string userId, string? sessionId, int count, IReadOnlyCollection<string> exclude, DateTimeOffset? at, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var posted = _posted.GetValueOrDefault(userId, -1);
            Log.Add(("ask", userId, posted + 1));
            if (_pendingPolls.GetValueOrDefault(userId) is var pending and > 0)
            {
                _pendingPolls[userId] = pending - 1;
                if (pending == 1)
                {
                    Apply(userId, posted);
                }
            }
            var applied = _applied.GetValueOrDefault(userId, -1);
            var plays = _users[userId].Plays;
            var next = posted + 1 < plays.Count ? [plays[posted + 1].TrackId] : Array.Empty<string>();
            return Task.FromResult(new NextAnswer(next, applied >= 0 ? ReplayIds.EventId(userId, applied) : null, null));
        }
    }

    private void Apply(string userId, int index)
    {
        if (Math.Min(index, ApplyUpToIndex) is var applied and >= 0)
        {
            _applied[userId] = applied;
        }
    }

    /// <summary>Three users, 20 plays each, interleaved in time, with repeats and a skip every fifth play.</summary>
    public static ReplayDataset ThreeUsers() => TestData.Dataset(
        Enumerable.Range(0, 3).Select(u => TestData.User($"user-{u}",
            Enumerable.Range(0, 20)
                .Select(i => TestData.Play($"t{(u * 7 + i * 3) % 25}", i * 3 + u, msPlayed: i % 5 == 4 ? 5_000 : 200_000))
                .ToArray())).ToArray());
}
