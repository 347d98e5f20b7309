using Microsoft.Extensions.Options;

namespace Streaming.Catalog.Core.Hosting;

/// <summary>The snapshot directory: lists, reads and writes <c>catalog-{version}.snap</c> files.</summary>
public sealed class CatalogSnapshotStore(IOptions<CatalogOptions> options)
{
    public CatalogSnapshotStore(string directory)
        : this(Options.Create(new CatalogOptions { SnapshotDirectory = directory }))
    {
    }

    public string Directory => options.Value.SnapshotDirectory;

    /// <summary>Versions present, oldest first (versions sort in publication order).</summary>
    public IReadOnlyList<string> ListVersions()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return [];
        }
        return System.IO.Directory.EnumerateFiles(Directory, CatalogSnapshotFiles.Prefix + "*" + CatalogSnapshotFiles.Extension)
            .Select(CatalogSnapshotFiles.VersionOf)
            .OfType<string>()
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    public string? NewestVersion() => ListVersions().LastOrDefault();

    /// <summary>The newest version older than <paramref name="version"/>, or null.</summary>
    public string? PreviousVersion(string version) =>
        ListVersions().LastOrDefault(v => string.CompareOrdinal(v, version) < 0);

    public bool Exists(string version) => File.Exists(PathOf(version));

    public string PathOf(string version)
    {
        if (!CatalogSnapshot.IsValidVersion(version))
        {
            throw new ArgumentException($"Invalid catalog version '{version}'.", nameof(version));
        }
        return Path.Combine(Directory, CatalogSnapshotFiles.FileName(version));
    }

    public CatalogSnapshot Load(string version)
    {
        var snapshot = CatalogSnapshotReader.Read(PathOf(version));
        if (snapshot.Version != version)
        {
            throw new CatalogSnapshotFormatException(PathOf(version), 0, $"file holds version '{snapshot.Version}', not '{version}'");
        }
        return snapshot;
    }

    public string Save(CatalogSnapshot snapshot) => CatalogSnapshotWriter.Write(snapshot, Directory);

    /// <summary>Removes a version that was written but never published (it lost a race); published versions stay for rollback.</summary>
    public void Delete(string version) => File.Delete(PathOf(version));
}
