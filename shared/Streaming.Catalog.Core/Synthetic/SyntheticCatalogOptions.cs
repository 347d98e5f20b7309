namespace Streaming.Catalog.Core.Synthetic;

/// <summary>Shape of a synthetic catalog. Same options (seed included) = same catalog, byte for byte.</summary>
public sealed record SyntheticCatalogOptions
{
    public int Seed { get; init; } = 42;

    /// <summary>Latent taste clusters.</summary>
    public int Genres { get; init; } = 12;

    public int ArtistsPerGenre { get; init; } = 10;

    public int TracksPerArtist { get; init; } = 10;

    /// <summary>Dimensions of the ground-truth latent space.</summary>
    public int LatentDimensions { get; init; } = 16;

    /// <summary>Norm of an artist's offset from its genre centre (unit-norm centres).</summary>
    public double ArtistSpread { get; init; } = 0.45;

    /// <summary>Norm of a track's offset from its artist.</summary>
    public double TrackSpread { get; init; } = 0.3;

    /// <summary>Zipf exponent of popularity within a genre.</summary>
    public double ZipfExponent { get; init; } = 1.0;

    /// <summary>Noise added to the audio features (which are a lossy projection of the latent vector).</summary>
    public double AudioFeatureNoise { get; init; } = 0.15;
}
