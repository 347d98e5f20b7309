using Streaming.NextTrack;
using Streaming.Recommender.Api;
using Streaming.Recommender.Index;
using Streaming.Recommender.Trending;

namespace Streaming.Recommender.Recommendations;

/// <summary>
/// The one place answers are filled from the trending list (else the catalog's popularity): a cold start, a degraded
/// answer, and the rest of an answer the ranking could not fill (small catalog, heavy filters). Same rules as the
/// ranking: nothing excluded, nothing twice, the per-artist cap.
/// </summary>
public sealed class FallbackFiller(TrendingCache trending)
{
    private FallbackRows? _cached;

    /// <summary>The trending rows of this index (cached per trending list and index), scores in [0, 1].</summary>
    public FallbackRows RowsFor(TrackIndex index)
    {
        var list = trending.Current;
        var cached = Volatile.Read(ref _cached);
        if (cached is not null && ReferenceEquals(cached.Source, list) && ReferenceEquals(cached.Index, index))
        {
            return cached;
        }
        var fresh = FallbackRows.Create(list, index);
        Volatile.Write(ref _cached, fresh);
        return fresh;
    }

    /// <summary>Appends fallback tracks to <paramref name="tracks"/> until it holds <paramref name="count"/>.</summary>
    /// <param name="scored">Keep the fallback scores (a whole fallback answer); else appended entries score 0 (a top-up).</param>
    public void Fill(TrackIndex index, List<RecommendedTrack> tracks, int count, ExclusionSet excluded, int maxPerArtist, bool scored)
    {
        var rows = RowsFor(index);
        var catalog = index.Ranking;
        var perArtist = new Dictionary<int, int>();
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in tracks)
        {
            taken.Add(t.TrackId);
            if (catalog.RowOf(t.TrackId) is var row and >= 0)
            {
                perArtist[catalog.ArtistOf(row)] = perArtist.GetValueOrDefault(catalog.ArtistOf(row)) + 1;
            }
        }
        for (var i = 0; i < rows.Rows.Length && tracks.Count < count; i++)
        {
            var row = rows.Rows[i];
            var track = index.Snapshot.Tracks[row];
            var artist = catalog.ArtistOf(row);
            if (excluded.Contains(row) || taken.Contains(track.Id) || perArtist.GetValueOrDefault(artist) >= maxPerArtist)
            {
                continue;
            }
            perArtist[artist] = perArtist.GetValueOrDefault(artist) + 1;
            taken.Add(track.Id);
            tracks.Add(new RecommendedTrack(track.Id, track.Artist, track.Title, scored ? Math.Round(rows.Scores[i], 4) : 0, rows.ReasonAt(i)));
        }
    }

    /// <summary>The trending list as ranking input (rows, scores in [0, 1]).</summary>
    public IReadOnlyList<ScoredRow> TrendingRows(TrackIndex index) => RowsFor(index).TrendingRows;
}
