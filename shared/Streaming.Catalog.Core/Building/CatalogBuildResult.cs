namespace Streaming.Catalog.Core.Building;

public sealed record CatalogBuildResult(CatalogSnapshot Snapshot, CatalogBuildReport Report, IReadOnlyList<int> HoldoutPids);
