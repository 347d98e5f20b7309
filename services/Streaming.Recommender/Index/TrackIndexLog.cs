namespace Streaming.Recommender.Index;

internal static partial class TrackIndexLog
{
    [LoggerMessage(EventId = 20, Level = LogLevel.Information,
        Message = "Track index of catalog {Previous} reused for appended catalog {Version}: {Appended} rows without vector added, {Kind} over {Vectors} vectors, swapped in {ReuseMs:0.0} ms")]
    public static partial void IndexReused(ILogger logger, string version, string previous, int appended, string kind, int vectors, double reuseMs);
}
