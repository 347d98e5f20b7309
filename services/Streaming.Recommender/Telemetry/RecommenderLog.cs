namespace Streaming.Recommender.Telemetry;

internal static partial class RecommenderLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "Track index swapped in: catalog {Version}, {Kind} over {Vectors} vectors, built in {BuildMs:0} ms, recall@10 {Recall:0.000}, ranker {Ranker} (previous {Previous})")]
    public static partial void IndexSwapped(ILogger logger, string version, string kind, int vectors, double buildMs, double recall, string ranker, string? previous);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "Catalog {Version} carries a ranking model this build cannot use ({Problem}); the hand-weighted blend ranks instead")]
    public static partial void RankerUnusable(ILogger logger, string version, string problem);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "Building the track index of catalog {Version} failed; the previous index keeps serving")]
    public static partial void IndexBuildFailed(ILogger logger, Exception exception, string version);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Redis read {Operation} failed ({Reason}); answering degraded")]
    public static partial void RedisReadFailed(ILogger logger, Exception exception, string operation, string reason);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Refreshing the trending list failed ({Reason}); keeping the list of {AgeSeconds:0} s ago")]
    public static partial void TrendingRefreshFailed(ILogger logger, string reason, double ageSeconds);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Circuit around Redis reads opened for {BreakSeconds:0.0} s")]
    public static partial void CircuitOpened(ILogger logger, double breakSeconds);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Circuit around Redis reads closed")]
    public static partial void CircuitClosed(ILogger logger);
}
