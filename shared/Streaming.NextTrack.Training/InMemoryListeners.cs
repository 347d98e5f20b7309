using Streaming.Catalog.Core;
using Streaming.Contracts.Events;
using Streaming.TasteMath;
using Streaming.TasteStore;

namespace Streaming.NextTrack.Training;

/// <summary>
/// Every listener's stored state as the worker keeps it in Redis, in memory: the fold of <see cref="TasteFolder"/>
/// (vectors, session, own history), the recent list, the session skips, and the shared aggregates, updated per
/// event exactly as <see cref="UserWrite.Record"/> describes. Reads give the <see cref="ListenerState"/> the
/// recommender would read.
/// </summary>
public sealed class InMemoryListeners(CatalogSnapshot snapshot, TasteFolder folder, TasteStoreOptions options)
{
    private readonly Dictionary<string, Listener> _listeners = new(StringComparer.Ordinal);

    public InMemoryAggregates Aggregates { get; } = new(options);

    public CatalogSnapshot Snapshot => snapshot;

    /// <summary>Folds one play of its listener (the track id as sent; the catalog's canonical id is what is stored).</summary>
    public void Apply(SimulatedPlay play)
    {
        ArgumentNullException.ThrowIfNull(play);
        if (!_listeners.TryGetValue(play.UserId, out var listener))
        {
            _listeners[play.UserId] = listener = new Listener();
        }
        var row = snapshot.IndexOf(play.TrackId);
        var trackId = row >= 0 ? snapshot.Tracks[row].Id : play.TrackId;
        var e = new ListeningEvent
        {
            EventId = play.EventId,
            UserId = play.UserId,
            TrackId = trackId,
            SessionId = play.SessionId,
            Kind = ListeningEventKind.PlayEnded,
            OccurredAt = play.OccurredAt,
            MsPlayed = play.MsPlayed,
            TrackDurationMs = play.DurationMs,
            PrivateSession = play.Private,
        };
        var vector = row >= 0 && snapshot.HasVector(row) ? snapshot.VectorOf(row) : ReadOnlySpan<float>.Empty;
        var effects = folder.Apply(listener.Taste, e, vector, snapshot.SpaceId);
        var t = play.OccurredAt.ToUnixTimeMilliseconds();
        if (effects.SessionReset)
        {
            listener.SessionSkips.Clear();
        }
        if (effects.PushRecent)
        {
            listener.Recent.Insert(0, trackId);
            if (listener.Recent.Count > options.RecentCapacity)
            {
                listener.Recent.RemoveAt(listener.Recent.Count - 1);
            }
        }
        if (effects.AddSessionSkip)
        {
            listener.SessionSkips.Add(trackId);
        }
        if (effects.CountPlay)
        {
            Aggregates.AddPlay(trackId, t);
        }
        if (effects.TransitionFrom is { } from)
        {
            Aggregates.AddTransition(from, trackId, t);
        }
        if (effects.CoListenedWith is { } partners)
        {
            foreach (var partner in partners)
            {
                Aggregates.AddCoListening(partner, trackId, t);
            }
        }
    }

    /// <summary>What the recommender would read for the listener now (empty for one never seen).</summary>
    public ListenerState StateOf(string userId)
    {
        if (!_listeners.TryGetValue(userId, out var listener))
        {
            return ListenerState.Empty;
        }
        var taste = listener.Taste;
        return new ListenerState(
            [.. listener.Recent],
            taste.SessionPlays,
            [.. listener.SessionSkips],
            taste.NowPlaying,
            taste.LongTerm,
            taste.Session,
            taste.SessionLastMs,
            taste.LastEventMs,
            [.. taste.History.Entries]);
    }

    /// <summary>Co-listening and successors of a context's sources, as the recommender would read them.</summary>
    public SourceLists ListsFor(ListeningContext context, RankingCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(context);
        var now = context.NowSeconds * 1000;
        var take = context.Settings.ListLength;
        var co = new IReadOnlyList<ScoredRow>[context.SourceIds.Length];
        var successors = new IReadOnlyList<ScoredRow>[context.SourceIds.Length];
        for (var s = 0; s < context.SourceIds.Length; s++)
        {
            co[s] = Resolve(catalog, Aggregates.CoListening(context.SourceIds[s], take, now));
            successors[s] = Resolve(catalog, Aggregates.Successors(context.SourceIds[s], take, now));
        }
        return new SourceLists(co, successors);
    }

    /// <summary>The trending list resolved to rows (as the recommender's trending cache).</summary>
    public IReadOnlyList<ScoredRow> TrendingRows(RankingCatalog catalog, int take) =>
        Resolve(catalog, Aggregates.Trending(take));

    private static ScoredRow[] Resolve(RankingCatalog catalog, IReadOnlyList<(string TrackId, double Score)> list)
    {
        var rows = new List<ScoredRow>(list.Count);
        foreach (var (id, score) in list)
        {
            if (catalog.RowOf(id) is var row and >= 0)
            {
                rows.Add(new ScoredRow(row, (float)score));
            }
        }
        return [.. rows];
    }

    private sealed class Listener
    {
        public UserTaste Taste { get; } = new();

        /// <summary>Newest first.</summary>
        public List<string> Recent { get; } = [];

        public HashSet<string> SessionSkips { get; } = new(StringComparer.Ordinal);
    }
}
