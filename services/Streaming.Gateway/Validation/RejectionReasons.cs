namespace Streaming.Gateway.Validation;

/// <summary>The machine-readable <c>reason</c> of a rejected event (the response's <c>rejected[].reason</c>).</summary>
public static class RejectionReasons
{
    /// <summary>The field is missing or null (msPlayed: required for play_ended and skip).</summary>
    public const string Required = "required";
    /// <summary>A JSON value of the wrong type (string for a number, and so on).</summary>
    public const string InvalidType = "invalid-type";
    /// <summary>A property the schema does not define.</summary>
    public const string UnknownField = "unknown-field";
    /// <summary>eventId/userId/sessionId outside the id rule (1-128 of A-Z a-z 0-9 . _ : -).</summary>
    public const string InvalidId = "invalid-id";
    /// <summary>trackId is not a catalog track id.</summary>
    public const string InvalidTrackId = "invalid-track-id";
    public const string UnknownKind = "unknown-kind";
    /// <summary>occurredAt is not an RFC 3339 date-time with an offset.</summary>
    public const string InvalidTimestamp = "invalid-timestamp";
    /// <summary>occurredAt is later than now plus the allowed clock skew.</summary>
    public const string InFuture = "in-future";
    /// <summary>occurredAt is older than a user token may post.</summary>
    public const string TooOld = "too-old";
    /// <summary>A number outside its range (msPlayed vs. duration, trackDurationMs).</summary>
    public const string OutOfRange = "out-of-range";
    public const string UnknownContextType = "unknown-context-type";
    /// <summary>A string longer than the schema allows (context.id).</summary>
    public const string TooLong = "too-long";
    /// <summary>A user token posted an event of another user (the whole batch is refused with 403).</summary>
    public const string ForbiddenUser = "forbidden-user";
    /// <summary>Valid, but Kafka did not acknowledge it (503; metrics only).</summary>
    public const string NotStored = "not-stored";
    /// <summary>The body is not a batch at all (400; metrics only, counted once per request).</summary>
    public const string MalformedBody = "malformed-body";
}
