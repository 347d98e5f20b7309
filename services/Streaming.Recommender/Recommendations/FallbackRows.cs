using Streaming.Recommender.Index;
using Streaming.Recommender.Trending;

namespace Streaming.Recommender.Recommendations;

/// <summary>
/// The trending list resolved to rows of one index's snapshot, scores scaled to [0, 1]; or, while no trending
/// list exists (fresh system, Redis down since start), the catalog's most popular rows. Computed once per
/// (trending list, index) pair and shared by every request.
/// </summary>
public sealed class FallbackRows
{
    private FallbackRows(TrendingList source, TrackIndex index, int[] rows, double[] scores, string strategy, int trendingCount)
    {
        TrendingCount = trendingCount;
        TrendingRows = Enumerable.Range(0, trendingCount).Select(i => new Streaming.NextTrack.ScoredRow(rows[i], (float)scores[i])).ToArray();
        Source = source;
        Index = index;
        Rows = rows;
        Scores = scores;
        Strategy = strategy;
    }

    public TrendingList Source { get; }

    public TrackIndex Index { get; }

    public int[] Rows { get; }

    public double[] Scores { get; }

    /// <summary><see cref="Strategies.Trending"/> or <see cref="Strategies.Popular"/>.</summary>
    public string Strategy { get; }

    /// <summary>The first rows come from the trending list; the rest are the catalog's popular rows.</summary>
    public int TrendingCount { get; }

    /// <summary>The trending part as ranking input (rows, scores in [0, 1]), made once per list and index.</summary>
    public IReadOnlyList<Streaming.NextTrack.ScoredRow> TrendingRows { get; }

    /// <summary>The short reason of the row at <paramref name="position"/>.</summary>
    public string ReasonAt(int position) => position < TrendingCount ? Reasons.Trending : Reasons.Popular;

    public static FallbackRows Create(TrendingList trending, TrackIndex index)
    {
        var snapshot = index.Snapshot;
        var rows = new List<int>(trending.Tracks.Count);
        var scores = new List<double>(trending.Tracks.Count);
        var seen = new HashSet<int>();
        var max = trending.Tracks.Count > 0 ? trending.Tracks[0].Score : 0;
        foreach (var track in trending.Tracks)
        {
            var row = snapshot.IndexOf(track.TrackId);
            if (row >= 0 && seen.Add(row))
            {
                rows.Add(row);
                scores.Add(max > 0 ? track.Score / max : 0);
            }
        }
        if (rows.Count > 0)
        {
            var trendingCount = rows.Count;
            // A young trending list can be shorter than an answer after filters: the catalog's popular rows
            // follow it (scored below every trending track) so cold starts still get a full answer.
            foreach (var row in index.PopularRows)
            {
                if (seen.Add(row))
                {
                    rows.Add(row);
                    scores.Add(0);
                }
            }
            return new FallbackRows(trending, index, rows.ToArray(), scores.ToArray(), Strategies.Trending, trendingCount);
        }

        var popular = index.PopularRows.ToArray();
        return new FallbackRows(trending, index, popular, popular.Select(index.PopularityPrior).ToArray(), Strategies.Popular, 0);
    }
}
