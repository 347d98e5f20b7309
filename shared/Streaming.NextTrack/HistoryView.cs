using Streaming.TasteMath;

namespace Streaming.NextTrack;

/// <summary>A listener's history resolved to catalog rows (entries of tracks the catalog does not know are left out).</summary>
public sealed class HistoryView
{
    private readonly Dictionary<int, int> _byRow;

    public HistoryView(RankingCatalog catalog, IReadOnlyList<HistoryEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(entries);
        var rows = new List<int>(entries.Count);
        var kept = new List<HistoryEntry>(entries.Count);
        _byRow = new Dictionary<int, int>(entries.Count);
        foreach (var e in entries)
        {
            var row = catalog.RowOf(e.Track);
            if (row >= 0 && _byRow.TryAdd(row, kept.Count))
            {
                rows.Add(row);
                kept.Add(e);
            }
        }
        Rows = [.. rows];
        Entries = [.. kept];
        NextRows = new int[Entries.Length];
        // Rank by last play, newest first (ties by row): "how many tracks came since". One sortable key per entry
        // (inverted time in the high half, row in the low half): no comparison delegate on the request path.
        var order = new long[Entries.Length];
        var positions = new int[Entries.Length];
        for (var i = 0; i < Entries.Length; i++)
        {
            NextRows[i] = Entries[i].Next == TrackKey.None ? -1 : catalog.RowOf(Entries[i].Next);
            order[i] = ((long)(uint.MaxValue - Entries[i].LastSeconds) << 31) | (uint)Rows[i];
            positions[i] = i;
            TotalPlays += Entries[i].Plays;
        }
        Array.Sort(order, positions);
        RecencyRank = new int[Entries.Length];
        for (var r = 0; r < positions.Length; r++)
        {
            RecencyRank[positions[r]] = r;
        }
    }

    public int Count => Rows.Length;

    public int[] Rows { get; }

    public HistoryEntry[] Entries { get; }

    /// <summary>Row of the track played after entry i the last time, or -1.</summary>
    public int[] NextRows { get; }

    /// <summary>Position of entry i when the history is ordered by last play, newest first.</summary>
    public int[] RecencyRank { get; }

    public long TotalPlays { get; }

    /// <summary>Index of the entry of <paramref name="row"/>, or -1.</summary>
    public int IndexOf(int row) => _byRow.TryGetValue(row, out var i) ? i : -1;

    /// <summary>The row this listener played after <paramref name="row"/> the last time, or -1.</summary>
    public int NextOf(int row) => IndexOf(row) is var i and >= 0 ? NextRows[i] : -1;
}
