namespace Streaming.FaultHarness.Load;

/// <summary>
/// A steady stream through the gateway: a batch of random users' events every <c>batchSize / eventsPerSecond</c>
/// seconds, each batch delivered on its own (a slow or refused batch does not hold the next one back).
/// </summary>
public sealed class SteadyLoad(GatewayClient client, EventPlan plan, int eventsPerSecond, int batchSize)
{
    /// <summary>Sends until <paramref name="stop"/>, then waits for every batch to be delivered; returns the batches given up.</summary>
    public async Task<int> RunAsync(CancellationToken stop)
    {
        var deliveries = new List<Task<bool>>();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(batchSize / (double)eventsPerSecond));
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                var batch = Enumerable.Range(0, batchSize).Select(_ => plan.Next()).ToArray();
                deliveries.Add(client.DeliverAsync(batch));
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The stream ends; what is in flight is still delivered.
        }
        var delivered = await Task.WhenAll(deliveries);
        return delivered.Count(d => !d);
    }
}
