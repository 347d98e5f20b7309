namespace Streaming.Catalog.Core.Hosting;

/// <summary>Raised after <see cref="CatalogSnapshotHolder"/> swapped snapshots.</summary>
public sealed record CatalogSnapshotSwap(CatalogSnapshot? Previous, CatalogSnapshot Current)
{
    /// <summary>True when the vector basis changed: user vectors of the old space must be re-derived.</summary>
    public bool SpaceChanged => Previous is null || Previous.SpaceId != Current.SpaceId;
}
