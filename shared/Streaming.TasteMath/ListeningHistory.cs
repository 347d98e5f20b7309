namespace Streaming.TasteMath;

/// <summary>
/// One listener's own history, bounded: the distinct tracks they played or skipped in public, each with play and
/// skip counts, when they last played it and what they played next the last time. It answers "what does this
/// listener return to" and "what did they play after this track before". When more than
/// <see cref="TasteParameters.HistoryCapacity"/> tracks are known, the least worth keeping go first: retention is
/// the last-play time plus <see cref="TasteParameters.HistoryFrequencyCredit"/> per doubling of the play count,
/// so a track played often survives a while of not being played.
/// </summary>
public sealed class ListeningHistory
{
    private readonly List<HistoryEntry> _entries;
    private readonly Dictionary<ulong, int> _index;

    public ListeningHistory(int capacity = 0)
    {
        _entries = new List<HistoryEntry>(capacity);
        _index = new Dictionary<ulong, int>(capacity);
    }

    public ListeningHistory(IEnumerable<HistoryEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        _entries = [.. entries];
        _index = new Dictionary<ulong, int>(_entries.Count);
        for (var i = 0; i < _entries.Count; i++)
        {
            _index[_entries[i].Track] = i;
        }
    }

    public int Count => _entries.Count;

    /// <summary>Entries in storage order (not meaningful; callers sort as they need).</summary>
    public IReadOnlyList<HistoryEntry> Entries => _entries;

    public bool TryGet(ulong track, out HistoryEntry entry)
    {
        if (_index.TryGetValue(track, out var i))
        {
            entry = _entries[i];
            return true;
        }
        entry = default;
        return false;
    }

    /// <summary>A counted public play of <paramref name="track"/>; <paramref name="previous"/> is the counted play before it in the same session, if any.</summary>
    public void RecordPlay(ulong track, long eventTimeMs, ulong previous, TasteParameters parameters)
    {
        var seconds = Seconds(eventTimeMs);
        if (_index.TryGetValue(track, out var i))
        {
            var e = _entries[i];
            _entries[i] = e with { Plays = Saturate(e.Plays + 1), LastSeconds = Math.Max(e.LastSeconds, seconds) };
        }
        else
        {
            Add(new HistoryEntry(track, 1, 0, seconds, TrackKey.None), parameters);
        }
        if (previous != TrackKey.None && previous != track && _index.TryGetValue(previous, out var p))
        {
            _entries[p] = _entries[p] with { Next = track };
        }
    }

    /// <summary>A public skip of <paramref name="track"/>.</summary>
    public void RecordSkip(ulong track, long eventTimeMs, TasteParameters parameters)
    {
        if (_index.TryGetValue(track, out var i))
        {
            var e = _entries[i];
            _entries[i] = e with { Skips = Saturate(e.Skips + 1), LastSeconds = e.Plays == 0 ? Math.Max(e.LastSeconds, Seconds(eventTimeMs)) : e.LastSeconds };
        }
        else
        {
            Add(new HistoryEntry(track, 0, 1, Seconds(eventTimeMs), TrackKey.None), parameters);
        }
    }

    public ListeningHistory Clone() => new(_entries);

    private void Add(HistoryEntry entry, TasteParameters parameters)
    {
        _index[entry.Track] = _entries.Count;
        _entries.Add(entry);
        if (_entries.Count > parameters.HistoryCapacity)
        {
            Evict(parameters);
        }
    }

    /// <summary>Drops the tenth least worth keeping at once, so the scan runs once per tenth of the capacity of new tracks.</summary>
    private void Evict(TasteParameters parameters)
    {
        var keep = Math.Max(1, parameters.HistoryCapacity - parameters.HistoryCapacity / 10);
        var credit = parameters.HistoryFrequencyCredit.TotalSeconds;
        var ranked = new (double Retention, int Index)[_entries.Count];
        for (var i = 0; i < ranked.Length; i++)
        {
            var e = _entries[i];
            ranked[i] = (e.LastSeconds + credit * Math.Log2(1 + e.Plays), i);
        }
        // Ties by position keep the result independent of sort stability.
        Array.Sort(ranked, static (a, b) => a.Retention != b.Retention ? b.Retention.CompareTo(a.Retention) : a.Index.CompareTo(b.Index));
        var survivors = new HistoryEntry[keep];
        for (var k = 0; k < keep; k++)
        {
            survivors[k] = _entries[ranked[k].Index];
        }
        Array.Sort(survivors, static (a, b) => a.Track.CompareTo(b.Track));
        _entries.Clear();
        _entries.AddRange(survivors);
        _index.Clear();
        for (var i = 0; i < _entries.Count; i++)
        {
            _index[_entries[i].Track] = i;
        }
    }

    private static uint Seconds(long eventTimeMs) => (uint)Math.Clamp(eventTimeMs / 1000, 0, uint.MaxValue);

    private static ushort Saturate(int value) => (ushort)Math.Min(value, ushort.MaxValue);
}
