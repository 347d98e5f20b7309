using MassTransit;
using Microsoft.Extensions.Logging;
using Streaming.Contracts.Catalog;

namespace Streaming.Catalog.Core.Hosting;

/// <summary>Loads and swaps in an announced version. Runs on every replica (per-instance endpoint).</summary>
public sealed class CatalogVersionPublishedConsumer(CatalogSnapshotActivator activator, ILogger<CatalogVersionPublishedConsumer> logger)
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
        await activator.ActivateAsync(message.Version, "announcement", context.CancellationToken).ConfigureAwait(false);
    }
}
