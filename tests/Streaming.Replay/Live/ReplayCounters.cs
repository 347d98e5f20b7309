namespace Streaming.Replay.Live;

/// <summary>Running totals of a live replay, updated from many tasks, read by the progress display and the report.</summary>
public sealed class ReplayCounters
{
    private long _eventsPosted;
    private long _eventsRejected;
    private long _staleAnswers;
    private long _degradedAnswers;
    private string? _firstRejection;

    public long EventsPosted => Interlocked.Read(ref _eventsPosted);

    public long EventsRejected => Interlocked.Read(ref _eventsRejected);

    /// <summary>Scored answers taken although the user's previous event was not yet applied (after the apply timeout).</summary>
    public long StaleAnswers => Interlocked.Read(ref _staleAnswers);

    /// <summary>Scored answers the recommender marked degraded (Redis failed; cached trending list).</summary>
    public long DegradedAnswers => Interlocked.Read(ref _degradedAnswers);

    public string? FirstRejection => Volatile.Read(ref _firstRejection);

    public void Posted(int accepted, int rejected, string? firstRejection)
    {
        Interlocked.Add(ref _eventsPosted, accepted);
        if (rejected > 0)
        {
            Interlocked.Add(ref _eventsRejected, rejected);
            Interlocked.CompareExchange(ref _firstRejection, firstRejection, null);
        }
    }

    public void Answered(bool fresh, bool degraded)
    {
        if (!fresh)
        {
            Interlocked.Increment(ref _staleAnswers);
        }
        if (degraded)
        {
            Interlocked.Increment(ref _degradedAnswers);
        }
    }
}
