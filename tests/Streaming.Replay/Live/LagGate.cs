namespace Streaming.Replay.Live;

/// <summary>
/// Paces the replay by consumer lag: before a step is posted, the events posted but not yet seen applied
/// (all users, and all users of the step's Kafka partition) must leave room for it. While they do not, the gate
/// asks the recommender how far the most-behind users are applied. Keeps the dev broker's ~5 MiB per
/// partition from being overrun. Fails when nothing is applied for <see cref="LiveReplayOptions.StallTimeout"/>.
/// </summary>
public sealed class LagGate(
    AppliedTracker tracker,
    INextTrackService recommender,
    IReadOnlyList<string> userIds,
    LiveReplayOptions options,
    Func<double> clock)
{
    private long _waits;

    /// <summary>Times the replay had to wait for the system to catch up.</summary>
    public long Waits => Interlocked.Read(ref _waits);

    public async Task WaitAsync(int user, int events, CancellationToken cancellationToken)
    {
        var partition = tracker.PartitionOf(user);
        var waited = false;
        var lastProgress = clock();
        var lastOutstanding = tracker.Outstanding;
        while (tracker.InFlight + events > options.MaxInFlight
               || tracker.InFlightOfPartition(partition) + events > options.MaxPartitionInFlight)
        {
            if (!waited)
            {
                waited = true;
                Interlocked.Increment(ref _waits);
            }
            var refresh = tracker.InFlightOfPartition(partition) + events > options.MaxPartitionInFlight
                ? tracker.MostBehind(4, partition)
                : tracker.MostBehind(4);
            await Task.WhenAll(refresh.Select(async u =>
                tracker.Observe(u, await recommender.NextAsync(userIds[u], null, 1, [], null, cancellationToken))));
            if (tracker.Outstanding != lastOutstanding)
            {
                lastOutstanding = tracker.Outstanding;
                lastProgress = clock();
            }
            else if (clock() - lastProgress > options.StallTimeout.TotalSeconds)
            {
                throw new ReplayFatalException(
                    $"the system applied none of {tracker.Outstanding} posted events for {options.StallTimeout.TotalSeconds:F0} s " +
                    "(taste worker down, or the recommender does not report lastAppliedEventId).");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
        }
    }
}
