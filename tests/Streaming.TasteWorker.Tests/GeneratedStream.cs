using Streaming.Catalog.Core.Synthetic;
using Streaming.Contracts.Events;
using Streaming.Contracts.Wire;
using Streaming.FaultHarness;

namespace Streaming.TasteWorker.Tests;

/// <summary>
/// Listening records derived from <see cref="SyntheticSessions"/>, with what real streams have: play_started
/// before some plays, explicit skips, likes/saves/dislikes, private plays, tracks the catalog lacks, client
/// retries (same event id twice) and late arrivals (an event sent after a newer one of the same user).
/// Records of a user are in send order; <see cref="Records"/> interleaves users.
/// </summary>
public sealed class GeneratedStream
{
    public const string PrivateUser = "private-only-user";

    private GeneratedStream(IReadOnlyList<ListeningRecord> records) => Records = records;

    public IReadOnlyList<ListeningRecord> Records { get; }

    /// <summary>Tracks only the private user played (never in the catalog): no aggregate may name them.</summary>
    public static IReadOnlyList<string> PrivateOnlyTracks { get; } =
        ["n:privateaaaaaaaaaaaaaaaaaaaa", "n:privatebbbbbbbbbbbbbbbbbbbb", "n:privatecccccccccccccccccccc"];

    public IEnumerable<ListeningRecord> OfUser(string userId) => Records.Where(r => r.UserId == userId);

    public IReadOnlyList<string> Users => Records.Select(r => r.UserId).Distinct().ToArray();

    public static GeneratedStream Create(TestCatalog catalog, int users, int sessionsPerUser, int seed, string idPrefix)
    {
        var sessions = SyntheticSessions.Generate(catalog.Synthetic, new SyntheticSessionOptions
        {
            Seed = seed,
            Users = users,
            SessionsPerUser = sessionsPerUser,
            MinSessionLength = 4,
            MaxSessionLength = 12,
            PrivateProbability = 0.08,
        });
        var random = new Random(seed);
        var next = 0;
        string Id() => $"{idPrefix}-{next++}";
        var perUser = new Dictionary<string, List<ListeningEvent>>(StringComparer.Ordinal);
        foreach (var play in sessions.Plays)
        {
            if (!perUser.TryGetValue(play.UserId, out var list))
            {
                perUser[play.UserId] = list = [];
            }
            var track = random.NextDouble() < 0.03 ? UnknownTrack(random) : play.TrackId;
            var start = play.OccurredAt.AddMilliseconds(-play.MsPlayed);
            ListeningEvent Make(ListeningEventKind kind, DateTimeOffset at, int? ms = null, int? duration = null) => new()
            {
                EventId = Id(),
                UserId = play.UserId,
                TrackId = track,
                SessionId = play.SessionId,
                Kind = kind,
                OccurredAt = at,
                MsPlayed = ms,
                TrackDurationMs = duration,
                PrivateSession = play.IsPrivate,
            };
            if (random.NextDouble() < 0.15)
            {
                list.Add(Make(ListeningEventKind.PlayStarted, start));
            }
            var kind = play.Skipped && random.NextDouble() < 0.5 ? ListeningEventKind.Skip : ListeningEventKind.PlayEnded;
            var ended = Make(kind, play.OccurredAt, play.MsPlayed, random.NextDouble() < 0.7 ? play.DurationMs : null);
            list.Add(ended);
            if (random.NextDouble() < 0.03)
            {
                list.Add(ended); // client retry: the same event id again
            }
            var r = random.NextDouble();
            if (r < 0.05)
            {
                list.Add(Make(ListeningEventKind.Like, play.OccurredAt.AddSeconds(1)));
            }
            else if (r < 0.07)
            {
                list.Add(Make(ListeningEventKind.Save, play.OccurredAt.AddSeconds(1)));
            }
            else if (r < 0.08)
            {
                list.Add(Make(ListeningEventKind.Dislike, play.OccurredAt.AddSeconds(1)));
            }
        }
        var privateStart = new DateTimeOffset(2024, 2, 1, 20, 0, 0, TimeSpan.Zero);
        perUser[PrivateUser] = Enumerable.Range(0, 24).Select(i => new ListeningEvent
        {
            EventId = Id(),
            UserId = PrivateUser,
            TrackId = i % 2 == 0 ? PrivateOnlyTracks[i % 3] : catalog.Synthetic.Tracks[i].Id,
            SessionId = "private-session-" + (i / 8),
            Kind = ListeningEventKind.PlayEnded,
            OccurredAt = privateStart.AddMinutes(4 * i + 40 * (i / 8)),
            MsPlayed = 200_000,
            TrackDurationMs = 200_000,
            PrivateSession = true,
        }).ToList();

        // Late arrivals: swap a few neighbours so the newer event is sent first.
        foreach (var list in perUser.Values)
        {
            for (var i = 0; i + 1 < list.Count; i++)
            {
                if (random.NextDouble() < 0.03 && list[i].EventId != list[i + 1].EventId)
                {
                    (list[i], list[i + 1]) = (list[i + 1], list[i]);
                    i++;
                }
            }
        }

        // Interleave users by the newest event time each has sent so far (keeps each user's send order).
        var sendOrder = new List<(DateTimeOffset Key, string User, int Index, ListeningEvent Event)>();
        foreach (var (user, list) in perUser)
        {
            var newest = DateTimeOffset.MinValue;
            for (var i = 0; i < list.Count; i++)
            {
                newest = list[i].OccurredAt > newest ? list[i].OccurredAt : newest;
                sendOrder.Add((newest, user, i, list[i]));
            }
        }
        var records = sendOrder
            .OrderBy(x => x.Key).ThenBy(x => x.User, StringComparer.Ordinal).ThenBy(x => x.Index)
            .Select(x => (ListeningRecord)new ListeningRecord.Event(x.Event))
            .ToList();
        return new GeneratedStream(records);
    }

    public GeneratedStream WithErasure(string userId, DateTimeOffset at, string erasureId) =>
        new([.. Records, new ListeningRecord.Erasure(new UserErasure { ErasureId = erasureId, UserId = userId, RequestedAt = at })]);

    public (GeneratedStream First, GeneratedStream Second) Split(double fraction)
    {
        var cut = (int)(Records.Count * fraction);
        return (new GeneratedStream(Records.Take(cut).ToArray()), new GeneratedStream(Records.Skip(cut).ToArray()));
    }

    private static string UnknownTrack(Random random)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        var chars = new char[26];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = alphabet[random.Next(alphabet.Length)];
        }
        return "n:" + new string(chars);
    }
}
