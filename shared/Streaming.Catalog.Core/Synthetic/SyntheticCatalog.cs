namespace Streaming.Catalog.Core.Synthetic;

/// <summary>
/// A seeded catalog with a planted latent taste structure: genre centres (random unit vectors),
/// artists scattered around their genre centre, tracks around their artist. Tracks of one genre
/// are close in the latent space, so embeddings learned from generated sessions and playlists
/// should recover the genres; <see cref="SyntheticTrack.Genre"/> is the ground truth to check.
/// </summary>
public sealed class SyntheticCatalog
{
    public static readonly IReadOnlyList<string> AudioFeatureNames =
        ["danceability", "energy", "loudness", "speechiness", "acousticness", "instrumentalness", "liveness", "valence", "tempo"];

    private static readonly string[] BaseGenreNames =
        ["rock", "pop", "jazz", "hip-hop", "electronic", "classical", "folk", "metal", "latin", "rnb", "country", "reggae", "blues", "punk", "soul", "ambient"];

    private static readonly string[] Syllables =
        ["ka", "lo", "mi", "re", "sa", "to", "nu", "vel", "dra", "zen", "mor", "li", "ta", "quin", "bo", "ra", "shi", "ven", "ar", "el", "o", "ny", "ju", "pe"];

    private static readonly string[] Words =
        ["night", "river", "golden", "electric", "summer", "ghost", "heart", "paper", "silver", "fire", "ocean", "broken", "neon", "velvet",
         "midnight", "wild", "echo", "shadow", "dream", "glass", "thunder", "honey", "stone", "rain", "city", "lonely", "sugar", "crystal",
         "desert", "morning", "satellite", "blue", "red", "dancing", "falling", "running", "secret", "silent", "burning", "frozen"];

    private readonly int[][] _tracksByGenre;
    private readonly Dictionary<string, int> _indexById;

    private SyntheticCatalog(SyntheticCatalogOptions options, string[] genreNames, float[][] genreCenters, SyntheticTrack[] tracks, float[,] featureProjection)
    {
        Options = options;
        GenreNames = genreNames;
        GenreCenters = genreCenters;
        Tracks = tracks;
        FeatureProjection = featureProjection;
        _tracksByGenre = Enumerable.Range(0, genreNames.Length)
            .Select(g => Enumerable.Range(0, tracks.Length).Where(i => tracks[i].GenreIndex == g).ToArray())
            .ToArray();
        _indexById = new Dictionary<string, int>(tracks.Length, StringComparer.Ordinal);
        for (var i = 0; i < tracks.Length; i++)
        {
            _indexById[tracks[i].Id] = i;
        }
    }

    public SyntheticCatalogOptions Options { get; }

    public IReadOnlyList<string> GenreNames { get; }

    /// <summary>Unit-norm genre centres in the latent space.</summary>
    public IReadOnlyList<float[]> GenreCenters { get; }

    public IReadOnlyList<SyntheticTrack> Tracks { get; }

    /// <summary>The (features x latent) matrix that produced the audio features.</summary>
    public float[,] FeatureProjection { get; }

    public IReadOnlyList<int> TrackIndicesOfGenre(int genre) => _tracksByGenre[genre];

    public int IndexOf(string trackId) => _indexById.TryGetValue(trackId, out var i) ? i : -1;

    public static SyntheticCatalog Generate(SyntheticCatalogOptions? options = null)
    {
        options ??= new SyntheticCatalogOptions();
        if (options.Genres < 1 || options.ArtistsPerGenre < 1 || options.TracksPerArtist < 1 || options.LatentDimensions < 2)
        {
            throw new ArgumentException("Genres, ArtistsPerGenre and TracksPerArtist must be >= 1 and LatentDimensions >= 2.", nameof(options));
        }
        var random = new SeededRandom(options.Seed);
        var dims = options.LatentDimensions;

        var genreNames = Enumerable.Range(0, options.Genres)
            .Select(g => g < BaseGenreNames.Length ? BaseGenreNames[g] : $"{BaseGenreNames[g % BaseGenreNames.Length]}-{g / BaseGenreNames.Length + 1}")
            .ToArray();
        var genreCenters = Enumerable.Range(0, options.Genres)
            .Select(_ => VectorMath.Normalize(Enumerable.Range(0, dims).Select(_ => random.Gaussian()).ToArray()))
            .ToArray();

        var featureCount = AudioFeatureNames.Count;
        var projection = new float[featureCount, dims];
        for (var f = 0; f < featureCount; f++)
        {
            for (var d = 0; d < dims; d++)
            {
                projection[f, d] = (float)(random.Gaussian() * 1.5);
            }
        }

        var usedArtists = new HashSet<string>(StringComparer.Ordinal);
        var usedIds = new HashSet<string>(StringComparer.Ordinal);
        var tracks = new List<SyntheticTrack>(options.Genres * options.ArtistsPerGenre * options.TracksPerArtist);
        var artistIndex = 0;
        for (var g = 0; g < options.Genres; g++)
        {
            var genreStart = tracks.Count;
            for (var a = 0; a < options.ArtistsPerGenre; a++, artistIndex++)
            {
                var artistName = UniqueName(random, usedArtists, () => ArtistName(random));
                var artistLatent = VectorMath.Normalize(VectorMath.Noisy(genreCenters[g], options.ArtistSpread, random));
                var album = Capitalize(Words[random.Next(Words.Length)]) + " " + Capitalize(Words[random.Next(Words.Length)]);
                var usedTitles = new HashSet<string>(StringComparer.Ordinal);
                for (var t = 0; t < options.TracksPerArtist; t++)
                {
                    var title = UniqueName(random, usedTitles, () => TitleName(random));
                    string id;
                    do
                    {
                        id = random.SpotifyLikeId();
                    }
                    while (!usedIds.Add(id));
                    var latent = VectorMath.Normalize(VectorMath.Noisy(artistLatent, options.TrackSpread, random));
                    var features = new float[featureCount];
                    for (var f = 0; f < featureCount; f++)
                    {
                        var z = 0.0;
                        for (var d = 0; d < dims; d++)
                        {
                            z += projection[f, d] * latent[d];
                        }
                        z += options.AudioFeatureNoise * random.Gaussian();
                        features[f] = (float)(1.0 / (1.0 + Math.Exp(-z)));
                    }
                    var duration = 120_000 + random.Next(240_000);
                    tracks.Add(new SyntheticTrack(id, artistName, title, album, genreNames[g], g, artistIndex, latent, features, duration, 0));
                }
            }

            // Zipfian popularity inside the genre, ranks in random order.
            var count = tracks.Count - genreStart;
            var ranks = Enumerable.Range(0, count).ToArray();
            random.Shuffle(ranks);
            for (var i = 0; i < count; i++)
            {
                var weight = 1.0 / Math.Pow(ranks[i] + 1, options.ZipfExponent);
                tracks[genreStart + i] = tracks[genreStart + i] with { PopularityWeight = weight };
            }
        }
        return new SyntheticCatalog(options, genreNames, genreCenters, tracks.ToArray(), projection);
    }

    private static string UniqueName(SeededRandom random, HashSet<string> used, Func<string> make)
    {
        for (var attempt = 0; ; attempt++)
        {
            var name = make();
            if (attempt > 20)
            {
                name += " " + (attempt - 19).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            // Uniqueness is checked on the normalised form, as the catalog would see it.
            if (used.Add(TrackIdentity.NormalizeTitle(name)))
            {
                return name;
            }
        }
    }

    private static string ArtistName(SeededRandom random)
    {
        var words = random.Chance(0.6) ? 2 : 1;
        return string.Join(' ', Enumerable.Range(0, words).Select(_ =>
            Capitalize(string.Concat(Enumerable.Range(0, random.Next(2, 4)).Select(_ => Syllables[random.Next(Syllables.Length)])))));
    }

    private static string TitleName(SeededRandom random) =>
        string.Join(' ', Enumerable.Range(0, random.Next(1, 4)).Select(_ => Capitalize(Words[random.Next(Words.Length)])));

    private static string Capitalize(string word) => char.ToUpperInvariant(word[0]) + word[1..];
}
