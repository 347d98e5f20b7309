using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Streaming.AppHost.Supervision;

/// <summary>
/// The restart policy Aspire lacks for local resources: a resource marked <see cref="RestartOnFailureAnnotation"/> that
/// exits with a non-zero code (a crash, a SIGKILL) is started again after <see cref="RestartBackoff"/>, as Kubernetes
/// restarts a pod's container. An exit with code 0 (a stop from the dashboard: SIGTERM, graceful) is left stopped.
/// </summary>
internal sealed partial class ResourceSupervisor(
    ResourceNotificationService notifications, ResourceCommandService commands, ILogger<ResourceSupervisor> logger)
    : BackgroundService
{
    private static readonly TimeProvider Time = TimeProvider.System;
    private readonly ConcurrentDictionary<string, RestartBackoff> _backoffs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _pending = new(StringComparer.Ordinal);

    /// <summary>States in which the process is gone.</summary>
    public static bool HasFailed(string? state, int? exitCode) =>
        exitCode is { } code && code != 0
        && (state == KnownResourceStates.Exited || state == KnownResourceStates.Finished || state == KnownResourceStates.FailedToStart);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var change in notifications.WatchAsync(stoppingToken))
            {
                if (!change.Resource.Annotations.OfType<RestartOnFailureAnnotation>().Any()
                    || !HasFailed(change.Snapshot.State?.Text, change.Snapshot.ExitCode)
                    || !_pending.TryAdd(change.ResourceId, true))
                {
                    continue;
                }
                var delay = _backoffs.GetOrAdd(change.ResourceId, _ => new RestartBackoff()).Next(Time.GetUtcNow());
                Log.Restarting(logger, change.ResourceId, change.Snapshot.ExitCode ?? 0, delay.TotalSeconds);
                _ = RestartAsync(change.ResourceId, delay, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The AppHost stops: nothing to restart any more.
        }
    }

    private async Task RestartAsync(string resourceId, TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, Time, stoppingToken);
            var result = await commands.ExecuteCommandAsync(resourceId, KnownResourceCommands.StartCommand, stoppingToken);
            if (result.Success)
            {
                _backoffs[resourceId].Started(Time.GetUtcNow());
                Log.Restarted(logger, resourceId);
            }
            else
            {
                Log.RestartFailed(logger, resourceId, result.Message ?? "no reason given");
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            _pending.TryRemove(resourceId, out _);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "{Resource} exited with code {ExitCode}; starting it again in {Seconds:F0} s")]
        public static partial void Restarting(ILogger logger, string resource, int exitCode, double seconds);

        [LoggerMessage(Level = LogLevel.Information, Message = "{Resource} started again")]
        public static partial void Restarted(ILogger logger, string resource);

        [LoggerMessage(Level = LogLevel.Error, Message = "{Resource} could not be started again: {Reason}")]
        public static partial void RestartFailed(ILogger logger, string resource, string reason);
    }
}
