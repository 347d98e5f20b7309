using System.Collections.Concurrent;
using System.Globalization;
using System.Net;

namespace Streaming.FaultHarness.Load;

/// <summary>The gateway's answers by status (503s and whether they carried Retry-After), and requests that got none.</summary>
public sealed class AnswerTally
{
    private readonly ConcurrentDictionary<int, int> _byStatus = new();
    private int _withoutRetryAfter;
    private int _failures;

    public void Add(HttpStatusCode status, bool retryAfter)
    {
        _byStatus.AddOrUpdate((int)status, 1, (_, n) => n + 1);
        if (status is HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests && !retryAfter)
        {
            Interlocked.Increment(ref _withoutRetryAfter);
        }
    }

    public void AddFailure() => Interlocked.Increment(ref _failures);

    public int Count(HttpStatusCode status) => _byStatus.GetValueOrDefault((int)status);

    /// <summary>503 or 429 answers without a Retry-After header (a defect: clients would not know when to come back).</summary>
    public int WithoutRetryAfter => _withoutRetryAfter;

    /// <summary>Requests without an answer (connection refused, timeout).</summary>
    public int Failures => _failures;

    /// <summary>E.g. "202 x120, 503 x4 (Retry-After), no answer x0".</summary>
    public string Describe() =>
        string.Join(", ", _byStatus.OrderBy(s => s.Key).Select(s => $"{s.Key.ToString(CultureInfo.InvariantCulture)} x{s.Value.ToString(CultureInfo.InvariantCulture)}"))
        + (_failures > 0 ? $", no answer x{_failures.ToString(CultureInfo.InvariantCulture)}" : "");
}
