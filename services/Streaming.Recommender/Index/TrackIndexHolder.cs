namespace Streaming.Recommender.Index;

/// <summary>
/// The index requests search. A new one replaces the old atomically; requests in flight keep the
/// instance they read, so a swap never drops or mixes anything.
/// </summary>
public sealed class TrackIndexHolder
{
    private TrackIndex? _current;

    public TrackIndex? Current => Volatile.Read(ref _current);

    public TrackIndex? Swap(TrackIndex next)
    {
        ArgumentNullException.ThrowIfNull(next);
        return Interlocked.Exchange(ref _current, next);
    }
}
