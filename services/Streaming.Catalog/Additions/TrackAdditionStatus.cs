namespace Streaming.Catalog.Additions;

/// <summary>What became of one track of a <c>POST /v1/catalog/tracks</c> (the answer's <c>tracks[].status</c>).</summary>
public static class TrackAdditionStatus
{
    /// <summary>A new catalog row (no vector yet, popularity 0).</summary>
    public const string Added = "added";

    /// <summary>
    /// The id is new but its normalised artist and title are those of a catalog track (or of another track of the
    /// request): it became an alias of that track (<c>canonicalId</c>), as the build collapses duplicates.
    /// </summary>
    public const string Aliased = "aliased";

    /// <summary>The id is already a catalog id or alias: nothing changed for it.</summary>
    public const string AlreadyPresent = "already-present";
}
