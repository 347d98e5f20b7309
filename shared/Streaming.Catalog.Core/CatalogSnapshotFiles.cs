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

    private const string VersionFormat = "yyyyMMdd'T'HHmmssfff'Z'";

    /// <summary>A fresh version string: UTC time to the millisecond, sortable in publication order.</summary>
    public static string NewVersion(DateTimeOffset now) => now.UtcDateTime.ToString(VersionFormat, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// A fresh version that sorts after <paramref name="newest"/> (the newest in the directory): <see cref="NewVersion"/>
    /// of now, or <paramref name="newest"/> + 1 ms when the clock is not past it (two versions in one millisecond,
    /// a clock behind another host's). Null when <paramref name="newest"/> is no time version and sorts after now.
    /// </summary>
    public static string? NextVersion(DateTimeOffset now, string? newest)
    {
        var candidate = NewVersion(now);
        if (newest is null || string.CompareOrdinal(candidate, newest) > 0)
        {
            return candidate;
        }
        return TryParseVersionTime(newest, out var at) ? NewVersion(at.AddMilliseconds(1)) : null;
    }

    /// <summary>The time of a version made by <see cref="NewVersion"/>.</summary>
    public static bool TryParseVersionTime(string version, out DateTimeOffset at) =>
        DateTimeOffset.TryParseExact(version, VersionFormat, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal, out at);
}
