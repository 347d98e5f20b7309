using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Streaming.Catalog.Core.Hosting;

/// <summary>
/// On start, loads the current version: <c>catalog:current</c> in Redis when Redis is registered,
/// else the newest file in the snapshot directory. Retries until a snapshot exists. With Redis it
/// keeps polling the key as a safety net for a missed announcement; without Redis it stops polling
/// once loaded (announcements do the rest, and a rollback must not be undone by "newest file").
/// </summary>
public sealed class CatalogSnapshotLoader(
    CatalogSnapshotStore store,
    CatalogSnapshotHolder holder,
    CatalogSnapshotActivator activator,
    CatalogVersionRegistry registry,
    IOptions<CatalogOptions> options,
    ILogger<CatalogSnapshotLoader> logger) : BackgroundService
{
    private static readonly TimeSpan ColdRetry = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await CheckOnceAsync(stoppingToken).ConfigureAwait(false);
            if (holder.IsLoaded && !registry.IsEnabled)
            {
                return;
            }
            var delay = holder.IsLoaded ? options.Value.PollInterval : Min(ColdRetry, options.Value.PollInterval);
            try
            {
                await Task.Delay(delay, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Resolves the current version and activates it when it differs from the loaded one.</summary>
    public async Task CheckOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            var version = await ResolveCurrentVersionAsync().ConfigureAwait(false);
            if (version is null)
            {
                CatalogLog.NoSnapshotYet(logger, store.Directory);
                return;
            }
            await activator.ActivateAsync(version, "startup/poll", cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            CatalogLog.CheckFailed(logger, e, holder.Current?.Version);
        }
    }

    private async Task<string?> ResolveCurrentVersionAsync()
    {
        if (registry.IsEnabled)
        {
            try
            {
                var recorded = await registry.GetCurrentAsync().ConfigureAwait(false);
                if (recorded is not null)
                {
                    return recorded;
                }
            }
            catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException)
            {
                if (holder.IsLoaded)
                {
                    throw;
                }
                CatalogLog.RedisUnavailable(logger, e, CatalogRedisKeys.Current);
            }
        }
        return store.NewestVersion();
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
