namespace Streaming.AppHost.Supervision;

/// <summary>
/// How long to wait before starting a failed resource again: 1 s, doubling per failure up to 30 s, as Kubernetes'
/// CrashLoopBackOff does (10 s to 5 min there; shorter here, a laptop has no pager). A resource that ran for
/// <see cref="StableAfter"/> before failing starts the count over.
/// </summary>
internal sealed class RestartBackoff
{
    public static readonly TimeSpan First = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan Longest = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan StableAfter = TimeSpan.FromSeconds(60);

    private int _failures;
    private DateTimeOffset? _lastStart;

    /// <summary>A failure at <paramref name="now"/>: the wait before the next start.</summary>
    public TimeSpan Next(DateTimeOffset now)
    {
        _failures = _lastStart is { } started && now - started >= StableAfter ? 1 : _failures + 1;
        var delay = First * Math.Pow(2, Math.Min(_failures - 1, 10));
        return delay < Longest ? delay : Longest;
    }

    public void Started(DateTimeOffset now) => _lastStart = now;
}
