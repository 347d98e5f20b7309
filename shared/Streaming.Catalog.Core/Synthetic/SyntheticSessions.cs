namespace Streaming.Catalog.Core.Synthetic;

/// <summary>
/// Seeded listening sessions over a <see cref="SyntheticCatalog"/>: each user has a taste mixture
/// over 1..MaxGenresPerUser genres; a session picks one genre from the mixture and mostly stays in
/// it; within a genre tracks are drawn by zipfian popularity times affinity to the user's taste;
/// the skip probability rises with the distance between track and taste; skipped plays last
/// 3-30 s, others 80-100% of the track. Plays come back in global time order (ties by user id).
/// </summary>
public sealed class SyntheticSessions
{
    private SyntheticSessions(IReadOnlyList<SyntheticUser> users, IReadOnlyList<SyntheticPlay> plays)
    {
        Users = users;
        Plays = plays;
    }

    public IReadOnlyList<SyntheticUser> Users { get; }

    /// <summary>All plays, ordered by <see cref="SyntheticPlay.OccurredAt"/>, then user id.</summary>
    public IReadOnlyList<SyntheticPlay> Plays { get; }

    public static SyntheticSessions Generate(SyntheticCatalog catalog, SyntheticSessionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        options ??= new SyntheticSessionOptions();
        var random = new SeededRandom(options.Seed);
        var genres = catalog.GenreNames.Count;
        var dims = catalog.Options.LatentDimensions;
        var users = new List<SyntheticUser>(options.Users);
        var plays = new List<SyntheticPlay>();

        for (var u = 0; u < options.Users; u++)
        {
            var userId = $"synthetic-user-{u:D4}";
            var weights = new double[genres];
            var genreCount = random.Next(1, Math.Min(options.MaxGenresPerUser, genres) + 1);
            for (var k = 0; k < genreCount; k++)
            {
                weights[random.Next(genres)] += 0.2 + random.NextDouble();
            }
            var total = weights.Sum();
            for (var g = 0; g < genres; g++)
            {
                weights[g] /= total;
            }
            var tasteRaw = new double[dims];
            for (var g = 0; g < genres; g++)
            {
                for (var d = 0; d < dims; d++)
                {
                    tasteRaw[d] += weights[g] * catalog.GenreCenters[g][d];
                }
            }
            var user = new SyntheticUser(userId, weights, VectorMath.Normalize(tasteRaw));
            users.Add(user);

            var genreCumulative = Cumulative(weights);
            var perGenre = new double[genres][];
            var clock = options.Start + TimeSpan.FromHours(random.NextDouble() * 24 * 7);
            for (var s = 0; s < options.SessionsPerUser; s++)
            {
                clock += TimeSpan.FromHours(random.Exponential(options.MeanSessionGap.TotalHours));
                var sessionId = $"{userId}-s{s:D4}";
                var sessionGenre = random.FromCumulative(genreCumulative);
                var length = random.Next(options.MinSessionLength, options.MaxSessionLength + 1);
                var inSession = new HashSet<int>();
                for (var p = 0; p < length; p++)
                {
                    var genre = random.Chance(options.StayInGenre) ? sessionGenre : random.FromCumulative(genreCumulative);
                    var cumulative = perGenre[genre] ??= TrackWeights(catalog, genre, user.Taste, options.TasteAffinity);
                    var members = catalog.TrackIndicesOfGenre(genre);
                    var index = members[random.FromCumulative(cumulative)];
                    for (var retry = 0; retry < 5 && inSession.Contains(index); retry++)
                    {
                        index = members[random.FromCumulative(cumulative)];
                    }
                    inSession.Add(index);
                    var track = catalog.Tracks[index];
                    var distance = 1.0 - VectorMath.Dot(track.Latent, user.Taste);
                    var skipProbability = 1.0 / (1.0 + Math.Exp(-options.SkipSteepness * (distance - options.SkipMidpoint)));
                    var skipped = random.Chance(skipProbability);
                    var msPlayed = skipped
                        ? 3_000 + random.Next(27_000)
                        : (int)(track.DurationMs * (0.8 + 0.2 * random.NextDouble()));
                    clock += TimeSpan.FromMilliseconds(msPlayed);
                    plays.Add(new SyntheticPlay(
                        userId, sessionId, track.Id, track.Artist, track.Title, clock, msPlayed, track.DurationMs,
                        random.Chance(options.PrivateProbability), skipped));
                    clock += TimeSpan.FromSeconds(random.Next(1, 20));
                }
            }
        }

        var ordered = plays
            .OrderBy(p => p.OccurredAt)
            .ThenBy(p => p.UserId, StringComparer.Ordinal)
            .ToArray();
        return new SyntheticSessions(users, ordered);
    }

    private static double[] TrackWeights(SyntheticCatalog catalog, int genre, float[] taste, double affinity)
    {
        var members = catalog.TrackIndicesOfGenre(genre);
        var weights = new double[members.Count];
        for (var i = 0; i < members.Count; i++)
        {
            var track = catalog.Tracks[members[i]];
            weights[i] = track.PopularityWeight * Math.Exp(affinity * VectorMath.Dot(track.Latent, taste));
        }
        return Cumulative(weights);
    }

    internal static double[] Cumulative(double[] weights)
    {
        var cumulative = new double[weights.Length];
        var sum = 0.0;
        for (var i = 0; i < weights.Length; i++)
        {
            sum += weights[i];
            cumulative[i] = sum;
        }
        return cumulative;
    }
}
