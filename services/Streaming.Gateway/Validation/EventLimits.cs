namespace Streaming.Gateway.Validation;

/// <summary>Limits fixed by <c>listening-events-batch.v1.schema.json</c> (a test checks they agree).</summary>
public static class EventLimits
{
    public const int MaxBatchSize = 500;
    public const int MaxTrackIdLength = 64;
    public const int MaxContextIdLength = 128;

    /// <summary>msPlayed may exceed a known duration by this much (players report a little late).</summary>
    public const int MsPlayedSlackMs = 5_000;

    /// <summary>Upper bound of msPlayed without a duration, and of trackDurationMs: 3 h.</summary>
    public const int MaxPlayMs = 10_800_000;

    /// <summary>Sanity floor even for service tokens: nothing was streamed before 1970.</summary>
    public static readonly DateTimeOffset EarliestEventTime = DateTimeOffset.UnixEpoch;
}
