using Streaming.Catalog.Core;
using Streaming.Catalog.Core.Synthetic;
using Streaming.Contracts.Events;

namespace Streaming.Benchmarks.Worker;

/// <summary>
/// The worker bench's stated workload: a synthetic catalog (tracks x dims, 5% without a vector) and a
/// stream where users and tracks are drawn zipfian; 70% completed plays, 20% early skips, 5% likes,
/// 1% dislikes, 4% play_started; 2% private; 2% tracks unknown to the catalog; a user's events are
/// 5-90 s apart in event time, with a new session after 30 min idle or by chance (3%).
/// </summary>
public sealed class WorkerWorkload
{
    public const string SpaceId = "bench-space";

    private WorkerWorkload(CatalogSnapshot snapshot, List<ListeningEvent> events) => (Snapshot, Events) = (snapshot, events);

    public CatalogSnapshot Snapshot { get; }

    public List<ListeningEvent> Events { get; }

    public static WorkerWorkload Create(int users, int events, int tracksPerArtist, int dims, double userZipf, double trackZipf, int seed)
    {
        var synthetic = SyntheticCatalog.Generate(new SyntheticCatalogOptions
        {
            Seed = seed, Genres = 20, ArtistsPerGenre = 50, TracksPerArtist = tracksPerArtist, LatentDimensions = dims,
        });
        var tracks = synthetic.Tracks;
        var vectors = new float[tracks.Count * dims];
        var has = new bool[tracks.Count];
        for (var i = 0; i < tracks.Count; i++)
        {
            has[i] = i % 20 != 3;
            if (has[i])
            {
                tracks[i].Latent.CopyTo(vectors.AsSpan(i * dims, dims));
            }
        }
        var snapshot = new CatalogSnapshot("bench1", SpaceId, dims, DateTimeOffset.UnixEpoch,
            tracks.Select(t => new CatalogTrack(t.Id, t.Artist, t.Title, t.Album, t.Genre, 1)).ToArray(), has, vectors);

        var random = new Random(seed);
        var userCdf = ZipfCdf(users, userZipf);
        var trackCdf = ZipfCdf(tracks.Count, trackZipf);
        var trackOrder = Enumerable.Range(0, tracks.Count).ToArray();
        random.Shuffle(trackOrder);
        var lastAt = new long[users];
        var session = new int[users];
        var start = new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        var list = new List<ListeningEvent>(events);
        for (var n = 0; n < events; n++)
        {
            var u = Sample(userCdf, random);
            var gap = 5_000 + random.Next(85_000);
            var at = lastAt[u] == 0 ? start + random.Next(3_600_000) : lastAt[u] + gap;
            if (lastAt[u] != 0 && (at - lastAt[u] > 1_800_000 || random.NextDouble() < 0.03))
            {
                session[u]++;
            }
            lastAt[u] = at;
            var track = tracks[trackOrder[Sample(trackCdf, random)]];
            var trackId = random.NextDouble() < 0.02 ? "n:unknown" + random.Next(1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture) + "aaaaaaaaaaa" : track.Id;
            var r = random.NextDouble();
            var (kind, ms) = r switch
            {
                < 0.04 => (ListeningEventKind.PlayStarted, (int?)null),
                < 0.24 => (ListeningEventKind.PlayEnded, (int?)(2_000 + random.Next(25_000))),
                < 0.29 => (ListeningEventKind.Like, null),
                < 0.30 => (ListeningEventKind.Dislike, null),
                _ => (ListeningEventKind.PlayEnded, (int?)(int)(track.DurationMs * (0.8 + 0.2 * random.NextDouble()))),
            };
            var userId = "user-" + u.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
            list.Add(new ListeningEvent
            {
                EventId = "ev-" + n.ToString(System.Globalization.CultureInfo.InvariantCulture),
                UserId = userId,
                TrackId = trackId,
                SessionId = userId + "-s" + session[u].ToString(System.Globalization.CultureInfo.InvariantCulture),
                Kind = kind,
                OccurredAt = DateTimeOffset.FromUnixTimeMilliseconds(at),
                MsPlayed = ms,
                TrackDurationMs = ms is null ? null : track.DurationMs,
                PrivateSession = random.NextDouble() < 0.02,
            });
        }
        return new WorkerWorkload(snapshot, list);
    }

    private static double[] ZipfCdf(int n, double s)
    {
        var cdf = new double[n];
        var sum = 0.0;
        for (var k = 0; k < n; k++)
        {
            sum += 1.0 / Math.Pow(k + 1, s);
            cdf[k] = sum;
        }
        return cdf;
    }

    private static int Sample(double[] cdf, Random random)
    {
        var target = random.NextDouble() * cdf[^1];
        var i = Array.BinarySearch(cdf, target);
        return Math.Min(i < 0 ? ~i : i, cdf.Length - 1);
    }
}
