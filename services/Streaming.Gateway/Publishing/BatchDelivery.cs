using Confluent.Kafka;

namespace Streaming.Gateway.Publishing;

/// <summary>
/// Collects the delivery reports of one batch on librdkafka's poll thread: one slot per record, one task
/// completed when the last report arrived. Cheaper than a task per record (no per-record continuation).
/// </summary>
internal sealed class BatchDelivery
{
    private const int Pending = 0;
    private const int Stored = 1;
    private const int Failed = 2;

    private readonly int[] _states;
    private readonly string?[] _errors;
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _outstanding;

    public BatchDelivery(int count)
    {
        _states = new int[count];
        _errors = new string?[count];
        _outstanding = count;
        if (count == 0)
        {
            _done.SetResult();
        }
    }

    public Task Completion => _done.Task;

    public Action<DeliveryReport<string, byte[]>> HandlerFor(int slot) => report =>
    {
        if (report.Error.IsError || report.Status != PersistenceStatus.Persisted)
        {
            Fail(slot, report.Error.IsError ? $"{report.Error.Code}: {report.Error.Reason}" : $"delivery status {report.Status}");
        }
        else
        {
            Complete(slot, Stored);
        }
    };

    /// <summary>The record never reached librdkafka (queue full, producer closed...).</summary>
    public void Fail(int slot, string error)
    {
        _errors[slot] = error;
        Complete(slot, Failed);
    }

    /// <summary>Null when the record at <paramref name="slot"/> is acknowledged; else why not (including "still pending").</summary>
    public string? ErrorOf(int slot) => Volatile.Read(ref _states[slot]) switch
    {
        Stored => null,
        Failed => _errors[slot] ?? "failed",
        _ => "no acknowledgement within the message timeout",
    };

    private void Complete(int slot, int state)
    {
        if (Interlocked.CompareExchange(ref _states[slot], state, Pending) == Pending && Interlocked.Decrement(ref _outstanding) == 0)
        {
            _done.TrySetResult();
        }
    }
}
