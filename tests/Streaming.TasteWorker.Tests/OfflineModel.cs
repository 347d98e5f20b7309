using Streaming.Contracts.Wire;
using Streaming.FaultHarness;
using Streaming.TasteMath;
using Streaming.TasteStore;

namespace Streaming.TasteWorker.Tests;

/// <summary>
/// The offline recomputation: folds each user's records in send order with the same math library, applying
/// each event id once and an erasure as a reset, and sums the aggregates exactly once.
/// </summary>
public sealed class OfflineModel
{
    public Dictionary<string, Expected> Users { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, double> Trending { get; } = new(StringComparer.Ordinal);

    public Dictionary<(string From, string To), double> Transitions { get; } = [];

    public static OfflineModel Compute(IEnumerable<ListeningRecord> records, TestCatalog catalog, TasteStoreOptions options)
    {
        var folder = new TasteFolder(TasteParameters.Default);
        var model = new OfflineModel();
        var epoch = options.DecayEpoch.ToUnixTimeMilliseconds();
        foreach (var record in records)
        {
            if (!model.Users.TryGetValue(record.UserId, out var user))
            {
                model.Users[record.UserId] = user = new Expected();
            }
            if (record is ListeningRecord.Erasure)
            {
                model.Users[record.UserId] = new Expected { Erased = true };
                continue;
            }
            var e = ((ListeningRecord.Event)record).Value;
            if (!user.Seen.Add(e.EventId))
            {
                continue;
            }
            var effects = folder.Apply(user.Taste, e, catalog.VectorOf(e.TrackId).Span, TestCatalog.SpaceId);
            var t = e.OccurredAt.ToUnixTimeMilliseconds();
            if (effects.SessionReset)
            {
                user.SessionSkips.Clear();
            }
            if (effects.PushRecent)
            {
                user.Recent.Insert(0, e.TrackId);
                if (user.Recent.Count > options.RecentCapacity)
                {
                    user.Recent.RemoveAt(user.Recent.Count - 1);
                }
            }
            if (effects.AddSessionSkip)
            {
                user.SessionSkips.Add(e.TrackId);
            }
            if (effects.CountPlay)
            {
                var key = (e.OccurredAt.UtcDateTime.Year, e.TrackId);
                user.Plays[key] = user.Plays.GetValueOrDefault(key) + 1;
                model.Trending[e.TrackId] = model.Trending.GetValueOrDefault(e.TrackId) + Math.Pow(2, (t - epoch) / options.TrendingHalfLife.TotalMilliseconds);
            }
            if (effects.TransitionFrom is { } from)
            {
                var key = (from, e.TrackId);
                model.Transitions[key] = model.Transitions.GetValueOrDefault(key) + Math.Pow(2, (t - epoch) / options.TransitionHalfLife.TotalMilliseconds);
            }
        }
        return model;
    }

    public sealed class Expected
    {
        public bool Erased { get; init; }
        public UserTaste Taste { get; } = new();
        public HashSet<string> Seen { get; } = new(StringComparer.Ordinal);
        public List<string> Recent { get; } = [];
        public HashSet<string> SessionSkips { get; } = new(StringComparer.Ordinal);
        public Dictionary<(int Year, string TrackId), long> Plays { get; } = [];
    }
}
