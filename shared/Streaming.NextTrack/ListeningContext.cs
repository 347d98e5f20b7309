using System.Numerics.Tensors;
using Streaming.TasteMath;

namespace Streaming.NextTrack;

/// <summary>
/// One listener at request time, resolved against one catalog version: recent plays as rows, whether the stored
/// session is still live, the taste directions, the own history, the exclusions, and the source tracks whose
/// co-listening and successors are looked up. Built the same way when serving and when training.
/// </summary>
public sealed class ListeningContext
{
    private ListeningContext(RankingCatalog catalog, NextTrackSettings settings)
    {
        Catalog = catalog;
        Settings = settings;
    }

    public RankingCatalog Catalog { get; }

    public NextTrackSettings Settings { get; }

    /// <summary>Rows of the latest plays, newest first (-1 where the catalog does not know the track).</summary>
    public int[] RecentRows { get; private init; } = [];

    /// <summary>Plays of the live session among <see cref="RecentRows"/> (0 when the stored session has gone stale).</summary>
    public int SessionPlays { get; private init; }

    public bool SessionActive { get; private init; }

    /// <summary>Tracks skipped in the live session.</summary>
    public HashSet<int> SessionSkippedRows { get; private init; } = [];

    public int NowPlayingRow { get; private init; } = -1;

    /// <summary>Unit direction of the live session's vector in this catalog's space, or null.</summary>
    public float[]? SessionDirection { get; private init; }

    /// <summary>Unit direction of the long-term taste in this catalog's space, or null.</summary>
    public float[]? LongTermDirection { get; private init; }

    /// <summary>The vector query: the blend of both directions, else (no usable taste vector) the mean of the latest plays' vectors; null when neither exists.</summary>
    public float[]? Query { get; private init; }

    /// <summary>The query is the mean of the latest plays' vectors (no taste vector of this catalog's space yet).</summary>
    public bool QueryIsSeeded { get; private init; }

    /// <summary>Request time (event time), unix seconds.</summary>
    public long NowSeconds { get; private init; }

    /// <summary>Minutes since the listener's newest event (0 for a listener with none).</summary>
    public double GapMinutes { get; private init; }

    public HistoryView History { get; private init; } = null!;

    public ExclusionSet Excluded { get; private init; } = new();

    /// <summary>Latest distinct not skipped plays known to the catalog, newest first: the sources of co-listening and successors.</summary>
    public int[] SourceRows { get; private init; } = [];

    /// <summary>Track ids of <see cref="SourceRows"/> (what the store is asked about).</summary>
    public string[] SourceIds { get; private init; } = [];

    public bool IsColdStart => RecentRows.Length == 0 && History.Count == 0 && Query is null;

    /// <param name="nowMs">Request time in event time; null = the listener's newest event. It is clamped to at least that.</param>
    /// <param name="excludeIds">Tracks the client asked never to get.</param>
    public static ListeningContext Create(
        RankingCatalog catalog, ListenerState state, NextTrackSettings settings, long? nowMs = null, IEnumerable<string>? excludeIds = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(settings);
        var lastMs = state.LastEventMs ?? nowMs ?? 0;
        var now = Math.Max(nowMs ?? lastMs, lastMs);
        var active = state.SessionLastMs is { } sessionLast && now - sessionLast <= (long)settings.SessionGap.TotalMilliseconds;

        var recentRows = new int[state.RecentTrackIds.Count];
        for (var i = 0; i < recentRows.Length; i++)
        {
            recentRows[i] = catalog.RowOf(state.RecentTrackIds[i]);
        }
        var sessionPlays = active ? Math.Clamp(state.SessionPlays, 0, recentRows.Length) : 0;
        var skipped = new HashSet<int>();
        if (active)
        {
            foreach (var id in state.SessionSkippedTrackIds)
            {
                if (catalog.RowOf(id) is var row and >= 0)
                {
                    skipped.Add(row);
                }
            }
        }
        var nowPlaying = state.NowPlaying is { } playing ? catalog.RowOf(playing) : -1;

        var excluded = new ExclusionSet(settings.RecentExclusion + sessionPlays + skipped.Count + 8);
        for (var i = 0; i < recentRows.Length && i < Math.Max(settings.RecentExclusion, sessionPlays); i++)
        {
            excluded.Add(recentRows[i]);
        }
        excluded.Add(nowPlaying);
        foreach (var row in skipped)
        {
            excluded.Add(row);
        }
        foreach (var id in excludeIds ?? [])
        {
            excluded.Add(catalog.RowOf(id));
        }

        var sources = new List<int>(settings.SourceTracks);
        var sourceIds = new List<string>(settings.SourceTracks);
        for (var i = 0; i < recentRows.Length && sources.Count < settings.SourceTracks; i++)
        {
            var row = recentRows[i];
            if (row >= 0 && !skipped.Contains(row) && !sources.Contains(row))
            {
                sources.Add(row);
                sourceIds.Add(catalog.Snapshot.Tracks[row].Id);
            }
        }

        var sessionDirection = active ? Direction(state.Session, catalog) : null;
        var longTermDirection = Direction(state.LongTerm, catalog);
        var query = Blend(longTermDirection, sessionDirection, (float)settings.SessionWeight);
        var seeded = query is null ? Seed(catalog, recentRows) : null;
        return new ListeningContext(catalog, settings)
        {
            RecentRows = recentRows,
            SessionPlays = sessionPlays,
            SessionActive = active,
            SessionSkippedRows = skipped,
            NowPlayingRow = nowPlaying,
            SessionDirection = sessionDirection,
            LongTermDirection = longTermDirection,
            Query = query ?? seeded,
            QueryIsSeeded = seeded is not null,
            NowSeconds = now / 1000,
            GapMinutes = state.LastEventMs is { } last ? Math.Max(0, (now - last) / 60_000.0) : 0,
            History = new HistoryView(catalog, state.History),
            Excluded = excluded,
            SourceRows = [.. sources],
            SourceIds = [.. sourceIds],
        };
    }

    /// <summary>Latest plays averaged into a query when there is no taste vector yet (newest weighs 1, then 1/2, 1/3...).</summary>
    public const int SeedTracks = 5;

    private static float[]? Seed(RankingCatalog catalog, int[] recentRows)
    {
        float[]? sum = null;
        var used = 0;
        for (var i = 0; i < recentRows.Length && used < SeedTracks; i++)
        {
            var row = recentRows[i];
            if (row < 0 || !catalog.HasVector(row))
            {
                continue;
            }
            sum ??= new float[catalog.Dimensions];
            TensorPrimitives.MultiplyAdd(catalog.VectorOf(row), 1f / (1 + used), sum, sum);
            used++;
        }
        if (sum is null)
        {
            return null;
        }
        var norm = TensorPrimitives.Norm(sum);
        if (!(norm > 0))
        {
            return null;
        }
        TensorPrimitives.Divide(sum, norm, sum);
        return sum;
    }

    private static float[]? Direction(DecayedVector? vector, RankingCatalog catalog)
    {
        if (vector is null || vector.IsEmpty || vector.Dimensions != catalog.Dimensions
            || !string.Equals(vector.SpaceId, catalog.SpaceId, StringComparison.Ordinal))
        {
            return null;
        }
        var direction = vector.Direction();
        return direction is { Length: > 0 } && float.IsFinite(direction[0]) ? direction : null;
    }

    private static float[]? Blend(float[]? longTerm, float[]? session, float sessionShare)
    {
        if (longTerm is null || session is null)
        {
            return longTerm ?? session;
        }
        var blend = new float[longTerm.Length];
        TensorPrimitives.Multiply(longTerm, 1f - sessionShare, blend);
        TensorPrimitives.MultiplyAdd(session, sessionShare, blend, blend);
        var norm = TensorPrimitives.Norm(blend);
        if (!(norm > 0f))
        {
            return null;
        }
        TensorPrimitives.Divide(blend, norm, blend);
        return blend;
    }
}
