using Streaming.Catalog.Core;

namespace Streaming.Recommender.Ranking;

/// <summary>Catalog rows an answer must never contain (recent plays, session skips, excluded ids, played tracks).</summary>
public sealed class Exclusions
{
    private readonly HashSet<int> _rows;

    public Exclusions(int capacity = 0) => _rows = new HashSet<int>(capacity);

    public int Count => _rows.Count;

    public bool Contains(int row) => _rows.Contains(row);

    /// <summary>Adds the row of each of the first <paramref name="max"/> ids (aliases resolve to their canonical row); unknown ids are ignored.</summary>
    public void AddIds(CatalogSnapshot snapshot, IReadOnlyList<string> ids, int max = int.MaxValue)
    {
        var n = Math.Min(max, ids.Count);
        for (var i = 0; i < n; i++)
        {
            var row = snapshot.IndexOf(ids[i]);
            if (row >= 0)
            {
                _rows.Add(row);
            }
        }
    }

    public void AddIds(CatalogSnapshot snapshot, IEnumerable<string> ids, int max = int.MaxValue)
    {
        var taken = 0;
        foreach (var id in ids)
        {
            if (taken++ >= max)
            {
                break;
            }
            var row = snapshot.IndexOf(id);
            if (row >= 0)
            {
                _rows.Add(row);
            }
        }
    }

    public void AddRow(int row) => _rows.Add(row);
}
