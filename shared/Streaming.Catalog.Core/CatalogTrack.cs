namespace Streaming.Catalog.Core;

/// <summary>One catalog row.</summary>
/// <param name="Id">Canonical track id (see <see cref="TrackIdentity"/>).</param>
/// <param name="Genre">The planted genre in synthetic catalogs; null for real data.</param>
/// <param name="Popularity">Training play count (playlist entries + warm-up plays).</param>
public sealed record CatalogTrack(
    string Id,
    string Artist,
    string Title,
    string? Album,
    string? Genre,
    int Popularity);
