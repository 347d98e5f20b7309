namespace Streaming.Catalog.Core.Hosting;

public static class CatalogRedisKeys
{
    /// <summary>String key holding the current catalog version (e.g. <c>20250101T120000000Z</c>).</summary>
    public const string Current = "catalog:current";

    /// <summary>String key held (with a lease) by the catalog replica that is deriving a new version from the current one.</summary>
    public const string WriteLock = "catalog:write-lock";
}
