using Streaming.Catalog.Core;

namespace Streaming.Replay.Cli;

/// <summary>Finds a catalog snapshot: a <c>.snap</c> file, or the newest version in a snapshot folder.</summary>
public static class CatalogSnapshotLocator
{
    public static CatalogSnapshot Load(string path)
    {
        if (File.Exists(path))
        {
            return CatalogSnapshotReader.Read(path);
        }
        if (!Directory.Exists(path))
        {
            throw new UsageException($"--catalog: no snapshot file or folder at {path}.");
        }
        var newest = Directory.GetFiles(path, CatalogSnapshotFiles.Prefix + "*" + CatalogSnapshotFiles.Extension)
            .Where(f => CatalogSnapshotFiles.VersionOf(f) is not null)
            .OrderBy(f => CatalogSnapshotFiles.VersionOf(f), StringComparer.Ordinal)
            .LastOrDefault()
            ?? throw new UsageException($"--catalog: no {CatalogSnapshotFiles.Prefix}*{CatalogSnapshotFiles.Extension} in {path}.");
        return CatalogSnapshotReader.Read(newest);
    }
}
