using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Streaming.Catalog.Core.Hosting;

/// <summary>
/// The current version as recorded in Redis (<see cref="CatalogRedisKeys.Current"/>), so a replica
/// that starts after an announcement still finds it. Inactive when no
/// <see cref="IConnectionMultiplexer"/> is registered.
/// </summary>
public sealed class CatalogVersionRegistry(IServiceProvider services)
{
    private readonly IConnectionMultiplexer? _redis = services.GetService<IConnectionMultiplexer>();

    public bool IsEnabled => _redis is not null;

    public async Task<string?> GetCurrentAsync()
    {
        if (_redis is null)
        {
            return null;
        }
        var value = await _redis.GetDatabase().StringGetAsync(CatalogRedisKeys.Current).ConfigureAwait(false);
        return value.HasValue ? value.ToString() : null;
    }

    public async Task SetCurrentAsync(string version)
    {
        if (_redis is null)
        {
            return;
        }
        await _redis.GetDatabase().StringSetAsync(CatalogRedisKeys.Current, version).ConfigureAwait(false);
    }

    /// <summary>
    /// Records <paramref name="version"/> as current only while <paramref name="expected"/> (or nothing) is: false when
    /// another version was published in between, so a version derived from <paramref name="expected"/> never hides it.
    /// True without Redis (nothing shared to compare with).
    /// </summary>
    public async Task<bool> TrySetCurrentAsync(string expected, string version)
    {
        if (_redis is null)
        {
            return true;
        }
        var result = await _redis.GetDatabase().ScriptEvaluateAsync(CatalogScripts.SetCurrentIf, [CatalogRedisKeys.Current], [expected, version]).ConfigureAwait(false);
        return (long)result == 1;
    }
}
