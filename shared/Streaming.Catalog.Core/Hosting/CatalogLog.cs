using Microsoft.Extensions.Logging;

namespace Streaming.Catalog.Core.Hosting;

internal static partial class CatalogLog
{
    [LoggerMessage(1, LogLevel.Information, "Catalog snapshot {Version} (space {SpaceId}, {TrackCount} tracks, {Dimensions} dims) is current ({Reason}); previous {PreviousVersion}")]
    public static partial void SnapshotSwapped(ILogger logger, string version, string spaceId, int trackCount, int dimensions, string reason, string? previousVersion);

    [LoggerMessage(2, LogLevel.Warning, "No catalog snapshot found yet in {Directory}; retrying")]
    public static partial void NoSnapshotYet(ILogger logger, string directory);

    [LoggerMessage(3, LogLevel.Error, "Catalog snapshot check failed; keeping version {Version}")]
    public static partial void CheckFailed(ILogger logger, Exception exception, string? version);

    [LoggerMessage(4, LogLevel.Warning, "Redis unavailable for {Key}; falling back to the newest snapshot file")]
    public static partial void RedisUnavailable(ILogger logger, Exception exception, string key);

    [LoggerMessage(5, LogLevel.Information, "Catalog version {Version} announced (space {SpaceId})")]
    public static partial void Announced(ILogger logger, string version, string spaceId);

    [LoggerMessage(6, LogLevel.Information, "Catalog version {Version} announced, but {Current} is current in Redis (published after it); keeping {Current}")]
    public static partial void AnnouncementSuperseded(ILogger logger, string version, string current);
}
