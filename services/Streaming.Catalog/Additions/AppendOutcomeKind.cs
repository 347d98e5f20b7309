namespace Streaming.Catalog.Additions;

public enum AppendOutcomeKind
{
    /// <summary>Every track is in <see cref="AddTracksResponse.Version"/> (200).</summary>
    Done,

    /// <summary>No catalog version is current yet (503).</summary>
    NoCatalog,

    /// <summary>Another write held the catalog longer than the wait, or kept publishing in between (503, retry).</summary>
    Busy,

    /// <summary>No version name sorts after the newest one in the directory (409: a hand-named version is newest).</summary>
    Unorderable,
}
