using Streaming.Catalog.Core.Embeddings;

namespace Streaming.Catalog.Core.Building;

public sealed record CatalogBuildOptions
{
    public EmbeddingOptions Embedding { get; init; } = new();

    /// <summary>Per user, the first fraction of plays (by time) that may train; the rest is scored by the replay.</summary>
    public double WarmupFraction { get; init; } = WarmupSplit.DefaultFraction;

    /// <summary>Playlists held out of training (for the quality check and for playlist replays).</summary>
    public int HoldoutPlaylists { get; init; } = 500;

    public int HoldoutSeed { get; init; } = 1234;

    /// <summary>Only playlists with at least this many distinct tracks are held out.</summary>
    public int HoldoutMinTracks { get; init; } = 10;

    /// <summary>Share of a held-out playlist shown to the scorer (the rest is hidden).</summary>
    public double HoldoutVisibleFraction { get; init; } = 0.5;

    /// <summary>Co-occurrence window inside a playlist (positions).</summary>
    public int PlaylistWindow { get; init; } = 20;

    /// <summary>Co-occurrence window inside a listening session (plays).</summary>
    public int SessionWindow { get; init; } = 5;

    /// <summary>A gap longer than this starts a new session.</summary>
    public TimeSpan SessionGap { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Plays shorter than this are skips and never count as co-listening.</summary>
    public int SkipThresholdMs { get; init; } = 30_000;

    public bool ArtistFallback { get; init; } = true;

    public bool ContentFallback { get; init; } = true;

    /// <summary>The version to create (default: UTC time).</summary>
    public string? Version { get; init; }

    /// <summary>The current version: when compatible the new space is rotated onto it and keeps its SpaceId.</summary>
    public CatalogSnapshot? Previous { get; init; }

    /// <summary>Skip the alignment and start a new SpaceId.</summary>
    public bool ForceRebase { get; init; }

    /// <summary>Tracks with at least this many training plays anchor the alignment (when enough are shared).</summary>
    public int AlignmentMinSupport { get; init; } = 5;

    /// <summary>Receives progress lines with elapsed times (the CLI prints them).</summary>
    public Action<string>? Progress { get; init; }

    /// <summary>Alignment needs at least max(this, 2 x dims) shared tracks with vectors.</summary>
    public int MinSharedForAlignment { get; init; } = 50;
}
