using Streaming.Catalog.Core.Ingestion;

namespace Streaming.Catalog.Core.Building;

/// <summary>Everything a catalog build reads. Histories: per user, plays in time order.</summary>
public sealed record CatalogSources(
    IReadOnlyList<MpdPlaylist> Playlists,
    IReadOnlyDictionary<string, IReadOnlyList<ListeningPlay>> Histories,
    IReadOnlyList<AudioFeatureRow> AudioFeatures)
{
    /// <summary>Planted genre per track id (synthetic catalogs only).</summary>
    public IReadOnlyDictionary<string, string>? Genres { get; init; }

    /// <summary>Where the data came from, recorded in the snapshot properties.</summary>
    public string Description { get; init; } = "";
}
