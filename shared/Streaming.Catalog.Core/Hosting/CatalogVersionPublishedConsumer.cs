using MassTransit;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using Streaming.Contracts.Catalog;

namespace Streaming.Catalog.Core.Hosting;

/// <summary>
/// Loads and swaps in an announced version. Runs on every replica (per-instance endpoint). An announcement that a later
/// publish has already replaced in Redis (<c>catalog:current</c>) is skipped: announcements of two quick publishes (an
/// append, then its rollback) may be delivered after the later one was swapped in, and would swap the replaced version
/// back. Without Redis, or when it does not answer, the announcement is applied.
/// </summary>
public sealed class CatalogVersionPublishedConsumer(
    CatalogSnapshotActivator activator, CatalogVersionRegistry registry, ILogger<CatalogVersionPublishedConsumer> logger)
    : IConsumer<CatalogVersionPublished>
{
    public async Task Consume(ConsumeContext<CatalogVersionPublished> context)
    {
        var message = context.Message;
        if (!CatalogSnapshot.IsValidVersion(message.Version) || message.SnapshotFile != CatalogSnapshotFiles.FileName(message.Version))
        {
            // A file name that is not ours (or a path) is never opened.
            throw new InvalidOperationException($"Announcement names snapshot file '{message.SnapshotFile}' for version '{message.Version}'; expected '{CatalogSnapshotFiles.FileName(message.Version)}'.");
        }
        CatalogLog.Announced(logger, message.Version, message.SpaceId);
        if (await CurrentInRedisAsync() is { } current && current != message.Version)
        {
            CatalogLog.AnnouncementSuperseded(logger, message.Version, current);
            return;
        }
        await activator.ActivateAsync(message.Version, "announcement", context.CancellationToken).ConfigureAwait(false);
    }

    private async Task<string?> CurrentInRedisAsync()
    {
        try
        {
            return await registry.GetCurrentAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            CatalogLog.RedisUnavailable(logger, e, CatalogRedisKeys.Current);
            return null;
        }
    }
}
