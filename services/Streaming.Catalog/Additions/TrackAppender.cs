using System.Diagnostics;
using Streaming.Catalog.Core;
using Streaming.Catalog.Core.Hosting;

namespace Streaming.Catalog.Additions;

/// <summary>
/// Adds tracks at run time: derives a new version from the current one (<see cref="CatalogSnapshot.Append"/>), writes it
/// to the snapshot directory and publishes it (Redis, then the announcement every replica swaps on). Writes are
/// serialized by <see cref="CatalogWriteLock"/>, and the version is recorded only if its base is still current
/// (compare-and-set), else derived again from the newer one: concurrent additions all land, one version at a time.
/// </summary>
public sealed partial class TrackAppender(
    CatalogSnapshotStore store,
    CatalogSnapshotHolder holder,
    CatalogPublisher publisher,
    CatalogWriteLock writeLock,
    TimeProvider time,
    ILogger<TrackAppender> logger)
{
    /// <summary>Derivations tried when other versions keep being published in between (each one sees a newer base).</summary>
    private const int Attempts = 5;

    public async Task<AppendOutcome> AddAsync(IReadOnlyList<CatalogTrack> tracks, CancellationToken cancellationToken)
    {
        await using var held = await writeLock.TryAcquireAsync(cancellationToken);
        if (held is null)
        {
            return new AppendOutcome(AppendOutcomeKind.Busy, Detail: "Another catalog write is still running; retry shortly.");
        }
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            var baseVersion = await publisher.CurrentVersionAsync();
            if (baseVersion is null)
            {
                return new AppendOutcome(AppendOutcomeKind.NoCatalog, Detail: "No catalog version is current yet.");
            }
            var started = Stopwatch.GetTimestamp();
            var catalog = holder.Current is { } loaded && loaded.Version == baseVersion
                ? loaded
                : await Task.Run(() => store.Load(baseVersion), cancellationToken);
            var plan = TrackAdditionPlan.Create(catalog, tracks);
            if (!plan.ChangesCatalog)
            {
                return AppendOutcome.Done(Response(catalog.Version, catalog.Version, created: false, plan));
            }
            var newest = store.NewestVersion();
            var now = time.GetUtcNow();
            if (CatalogSnapshotFiles.NextVersion(now, newest) is not { } version)
            {
                return new AppendOutcome(AppendOutcomeKind.Unorderable,
                    Detail: $"No new version name sorts after '{newest}', the newest in the snapshot directory; publish a time-named version first.");
            }
            var appended = catalog.Append(version, now, plan.Rows, plan.Aliases);
            await Task.Run(() => store.Save(appended), cancellationToken);
            // From here on the request's cancellation no longer applies: a written version is published or removed.
            var published = await publisher.PublishDerivedAsync(version, baseVersion, CancellationToken.None);
            if (published is not null)
            {
                LogAppended(logger, version, baseVersion, plan.Rows.Count, plan.Aliases.Count, appended.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                return AppendOutcome.Done(Response(version, baseVersion, created: true, plan));
            }
            // Never announced, so nobody loads it; left in place it would be taken for a real version by rollback or "newest".
            store.Delete(version);
            LogRaced(logger, version, baseVersion, attempt);
        }
        return new AppendOutcome(AppendOutcomeKind.Busy, Detail: "Other catalog versions kept being published meanwhile; retry.");
    }

    private static AddTracksResponse Response(string version, string baseVersion, bool created, TrackAdditionPlan plan) =>
        new(version, baseVersion, created,
            plan.Results.Count(r => r.Status == TrackAdditionStatus.Added),
            plan.Results.Count(r => r.Status == TrackAdditionStatus.Aliased),
            plan.Results.Count(r => r.Status == TrackAdditionStatus.AlreadyPresent),
            plan.Results);

    [LoggerMessage(1, LogLevel.Information, "Catalog version {Version} appended to {BaseVersion}: {Rows} tracks, {Aliases} aliases ({Total} tracks) in {Ms:0} ms")]
    private static partial void LogAppended(ILogger logger, string version, string baseVersion, int rows, int aliases, int total, double ms);

    [LoggerMessage(2, LogLevel.Warning, "Catalog version {Version} was not published: {BaseVersion} stopped being current meanwhile (attempt {Attempt}); deriving again")]
    private static partial void LogRaced(ILogger logger, string version, string baseVersion, int attempt);
}
