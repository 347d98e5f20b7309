namespace Streaming.Catalog.Core.Synthetic;

/// <summary>A generated track with its ground truth.</summary>
/// <param name="Latent">Unit-norm ground-truth taste vector.</param>
/// <param name="AudioFeatures">Spotify-like audio features in [0, 1] (<see cref="SyntheticCatalog.AudioFeatureNames"/>),
/// a noisy lossy projection of <paramref name="Latent"/>.</param>
/// <param name="PopularityWeight">Zipfian weight within the genre.</param>
public sealed record SyntheticTrack(
    string Id,
    string Artist,
    string Title,
    string Album,
    string Genre,
    int GenreIndex,
    int ArtistIndex,
    float[] Latent,
    float[] AudioFeatures,
    int DurationMs,
    double PopularityWeight);
