using StackExchange.Redis;
using Streaming.Catalog.Core;
using Streaming.Catalog.Core.Hosting;

namespace Streaming.Catalog;

/// <summary>
/// One catalog write (append, publish, rollback) at a time: a gate in this process and, with Redis, the lease
/// <c>catalog:write-lock</c> across replicas. The lease only saves wasted work; correctness does not depend on it
/// (an appended version is recorded by compare-and-set, see <see cref="CatalogPublisher.PublishDerivedAsync"/>), so a
/// lease that expires under a stalled holder costs a retry, never an addition.
/// </summary>
public sealed partial class CatalogWriteLock(IServiceProvider services, ILogger<CatalogWriteLock> logger)
{
    /// <summary>How long a replica holds the lease at most (a 150k-track append takes a few seconds).</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(60);

    /// <summary>How long a write waits for the one before it.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly IConnectionMultiplexer? _redis = services.GetService<IConnectionMultiplexer>();

    /// <summary>The held lock (dispose to release), or null when the write before did not finish within <see cref="Patience"/>.</summary>
    public async Task<IAsyncDisposable?> TryAcquireAsync(CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        if (!await _gate.WaitAsync(Patience, cancellationToken))
        {
            return null;
        }
        if (_redis is null)
        {
            return new Held(this, null);
        }
        try
        {
            var token = Guid.NewGuid().ToString("N");
            var database = _redis.GetDatabase();
            while (!await database.StringSetAsync(CatalogRedisKeys.WriteLock, token, Lease, When.NotExists))
            {
                if (TimeProvider.System.GetElapsedTime(started) > Patience)
                {
                    _gate.Release();
                    return null;
                }
                await Task.Delay(Random.Shared.Next(20, 100), cancellationToken);
            }
            return new Held(this, token);
        }
        catch
        {
            _gate.Release();
            throw;
        }
    }

    private async ValueTask ReleaseAsync(string? token)
    {
        try
        {
            if (token is not null && _redis is not null)
            {
                await _redis.GetDatabase().ScriptEvaluateAsync(CatalogScripts.ReleaseLock, [CatalogRedisKeys.WriteLock], [token]);
            }
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // The lease runs out by itself.
            LogReleaseFailed(logger, e, CatalogRedisKeys.WriteLock);
        }
        finally
        {
            _gate.Release();
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "Releasing {Key} failed; it expires with its lease")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception, string key);

    private sealed class Held(CatalogWriteLock owner, string? token) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync() =>
            Interlocked.Exchange(ref _released, 1) == 0 ? owner.ReleaseAsync(token) : ValueTask.CompletedTask;
    }
}
