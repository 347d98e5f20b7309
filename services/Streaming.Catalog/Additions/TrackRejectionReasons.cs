namespace Streaming.Catalog.Additions;

/// <summary>The machine-readable <c>reason</c> of a rejected track (the 400 answer's <c>rejected[].reason</c>).</summary>
public static class TrackRejectionReasons
{
    /// <summary>The field is missing, null or blank.</summary>
    public const string Required = "required";

    /// <summary>A JSON value of the wrong type (a number for a name, an entry that is not an object).</summary>
    public const string InvalidType = "invalid-type";

    /// <summary>A property the API does not define.</summary>
    public const string UnknownField = "unknown-field";

    /// <summary>The id breaks the track-id rule (<c>TrackIdentity.IsValidTrackId</c>).</summary>
    public const string InvalidTrackId = "invalid-track-id";

    /// <summary>An <c>n:</c> id that is not the name id of the track's artist and title.</summary>
    public const string NameIdMismatch = "name-id-mismatch";

    /// <summary>A name longer than <see cref="TrackAdditionLimits.MaxNameLength"/>.</summary>
    public const string TooLong = "too-long";

    /// <summary>The same id twice in one request.</summary>
    public const string DuplicateId = "duplicate-id";
}
