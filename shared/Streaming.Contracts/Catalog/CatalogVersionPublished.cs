namespace Streaming.Contracts.Catalog;

/// <summary>
/// Announces that a new catalog snapshot is the current one. Published (fan-out) to every catalog,
/// recommender and worker replica; each loads <see cref="SnapshotFile"/> from its configured
/// <c>Catalog:SnapshotDirectory</c> and swaps it in. The same version is also stored in Redis
/// (<c>catalog:current</c>) so a replica that starts later finds it.
/// </summary>
/// <param name="Version">Snapshot version, e.g. <c>20250101T120000Z</c>; sorts in publication order.</param>
/// <param name="SpaceId">Basis lineage of the vectors: versions aligned to a previous one share it.
/// A change of SpaceId means stored user vectors are meaningless and must be re-derived.</param>
/// <param name="Dimensions">Vector dimensions.</param>
/// <param name="TrackCount">Number of tracks (rows) in the snapshot.</param>
/// <param name="SnapshotFile">File name (no directory) inside the snapshot directory.</param>
/// <param name="PublishedAt">When the version was published (UTC).</param>
public sealed record CatalogVersionPublished(
    string Version,
    string SpaceId,
    int Dimensions,
    int TrackCount,
    string SnapshotFile,
    DateTimeOffset PublishedAt);
