namespace Streaming.Catalog.Core;

/// <summary>Names of snapshot properties that consumers read (build facts are free-form besides these).</summary>
public static class CatalogSnapshotProperties
{
    /// <summary>Set on a version made by <see cref="CatalogSnapshot.Append"/>: the version it extends.</summary>
    public const string AppendedFrom = "appended.from";

    /// <summary>Rows that version appended to <see cref="AppendedFrom"/> (invariant integer).</summary>
    public const string AppendedTracks = "appended.tracks";

    /// <summary>Aliases that version added to <see cref="AppendedFrom"/> (invariant integer).</summary>
    public const string AppendedAliases = "appended.aliases";
}
