namespace Streaming.Catalog.Core;

/// <summary>File naming of snapshots: <c>catalog-{version}.snap</c> inside the snapshot directory.</summary>
public static class CatalogSnapshotFiles
{
    public const string Prefix = "catalog-";
    public const string Extension = ".snap";

    public static string FileName(string version) => Prefix + version + Extension;

    /// <summary>The version of a snapshot file name, or null when the name does not follow the pattern.</summary>
    public static string? VersionOf(string fileName)
    {
        var name = Path.GetFileName(fileName);
        if (!name.StartsWith(Prefix, StringComparison.Ordinal) || !name.EndsWith(Extension, StringComparison.Ordinal))
        {
            return null;
        }
        var version = name[Prefix.Length..^Extension.Length];
        return CatalogSnapshot.IsValidVersion(version) ? version : null;
    }

    /// <summary>A fresh version string: UTC time to the millisecond, sortable in publication order.</summary>
    public static string NewVersion(DateTimeOffset now) => now.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
