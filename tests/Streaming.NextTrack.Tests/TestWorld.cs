using Streaming.Catalog.Core;
using Streaming.TasteMath;
using Streaming.VectorIndex;

namespace Streaming.NextTrack.Tests;

/// <summary>
/// The small hand-made catalog the NextTrack tests share, built once (it is immutable): 40 tracks, artist = row / 10,
/// popularity 40 - row, 8-dimensional unit vectors in <see cref="Space"/> except rows 35..39 (no vector), and one alias
/// of row 3. Row r points at its artist's axis tilted by (r % 10) x 0.1 rad towards axis 4 + r % 4, so its cosine with
/// the artist axis is cos((r % 10) x 0.1) and with other artists' axes 0: nearest-neighbour orders follow by hand.
/// </summary>
internal static class TestWorld
{
    public const string Space = "space-test";
    public const int Dimensions = 8;
    public const int TrackCount = 40;
    public const int FirstWithoutVector = 35;
    public const string AliasOfRow3 = "n:aaaaaaaaaaaaaaaaaaaaaaaaaa";

    /// <summary>Request time of most tests (unix ms, whole seconds).</summary>
    public static readonly long T0 = new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    public static readonly long Minute = 60_000;
    public static readonly long Day = 86_400_000;

    public static CatalogSnapshot Snapshot { get; } = BuildSnapshot();

    /// <summary>With an exact index, so neighbour orders are exact.</summary>
    public static RankingCatalog TestCatalog { get; } = RankingCatalog.Build(Snapshot, new VectorIndexOptions { ExactThreshold = 1_000_000 });

    /// <summary>A valid 22-character base62 id per row.</summary>
    public static string Id(int row) => $"t{row:D21}";

    public static ulong Key(int row) => TrackKey.Of(Id(row));

    public static double Tilt(int row) => (row % 10) * 0.1;

    public static float[] Axis(int axis)
    {
        var v = new float[Dimensions];
        v[axis] = 1f;
        return v;
    }

    public static float[] VectorOf(int row) => TestCatalog.VectorOf(row).ToArray();

    /// <summary>A taste vector pointing at <paramref name="direction"/>.</summary>
    public static DecayedVector Taste(float[] direction, string space = Space)
    {
        var v = new DecayedVector(space, direction.Length);
        v.Add(direction, 1f, T0, TimeSpan.FromDays(21));
        return v;
    }

    /// <summary>A listener whose latest plays are <paramref name="recentRows"/> (newest first), last event at <see cref="T0"/>, no session.</summary>
    public static ListenerState State(params int[] recentRows) =>
        ListenerState.Empty with { RecentTrackIds = recentRows.Select(Id).ToArray(), LastEventMs = T0 };

    /// <summary>Like <see cref="State"/> with a live session whose last event is at <see cref="T0"/>.</summary>
    public static ListenerState SessionState(int sessionPlays, params int[] recentRows) =>
        State(recentRows) with { SessionPlays = sessionPlays, SessionLastMs = T0 };

    public static ListeningContext Context(ListenerState state, NextTrackSettings? settings = null, long? nowMs = null, IEnumerable<string>? exclude = null) =>
        ListeningContext.Create(TestCatalog, state, settings ?? NextTrackSettings.Default, nowMs ?? T0, exclude);

    /// <summary>A context with nothing but these explicit exclusions (the candidate source tests).</summary>
    public static ListeningContext Excluding(params int[] rows) => Context(State(), exclude: rows.Select(Id));

    /// <summary>A history entry of a catalog row; <paramref name="next"/> -1 = none.</summary>
    public static HistoryEntry Entry(int row, int plays, int skips = 0, long? lastMs = null, int next = -1) =>
        new(Key(row), (ushort)plays, (ushort)skips, (uint)((lastMs ?? T0) / 1000), next >= 0 ? Key(next) : TrackKey.None);

    public static IReadOnlyList<ScoredRow> Rows(params (int Row, float Score)[] list) => list.Select(x => new ScoredRow(x.Row, x.Score)).ToArray();

    private static CatalogSnapshot BuildSnapshot()
    {
        var tracks = new CatalogTrack[TrackCount];
        var hasVector = new bool[TrackCount];
        var vectors = new float[TrackCount * Dimensions];
        for (var row = 0; row < TrackCount; row++)
        {
            var artist = row / 10;
            tracks[row] = new CatalogTrack(Id(row), "Artist " + (char)('A' + artist), "Title " + row, null, null, TrackCount - row);
            if (row >= FirstWithoutVector)
            {
                continue;
            }
            hasVector[row] = true;
            var tilt = Tilt(row);
            vectors[(row * Dimensions) + artist] = (float)Math.Cos(tilt);
            vectors[(row * Dimensions) + 4 + (row % 4)] += (float)Math.Sin(tilt);
        }
        return new CatalogSnapshot("v1", Space, Dimensions, DateTimeOffset.UnixEpoch, tracks, hasVector, vectors, [new TrackAlias(AliasOfRow3, 3)]);
    }
}
