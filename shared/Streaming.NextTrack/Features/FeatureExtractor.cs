using System.Numerics.Tensors;
using Streaming.NextTrack.Candidates;

namespace Streaming.NextTrack.Features;

/// <summary>
/// Writes the <see cref="FeatureNames"/> of every pool candidate, row-major, into a caller's buffer. What depends
/// only on the request (own successors of the sources, artist counts) is computed once.
/// </summary>
public sealed class FeatureExtractor
{
    private readonly ListeningContext _context;
    private readonly int[] _ownNext;
    private readonly int _ownNextChain;
    private readonly Dictionary<int, int> _sessionArtists = [];
    private readonly int _sessionArtistTotal;
    private readonly Dictionary<int, long> _ownArtistPlays = [];
    private readonly int _lastRow;
    private readonly int _lastArtist;

    public FeatureExtractor(ListeningContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
        var history = context.History;
        _ownNext = new int[Math.Min(5, context.SourceRows.Length)];
        for (var s = 0; s < _ownNext.Length; s++)
        {
            _ownNext[s] = history.NextOf(context.SourceRows[s]);
        }
        _ownNextChain = _ownNext.Length > 0 && _ownNext[0] >= 0 ? history.NextOf(_ownNext[0]) : -1;
        var catalog = context.Catalog;
        var sessionWindow = Math.Min(context.SessionPlays, 20);
        for (var i = 0; i < sessionWindow; i++)
        {
            var row = context.RecentRows[i];
            if (row >= 0)
            {
                var artist = catalog.ArtistOf(row);
                _sessionArtists[artist] = _sessionArtists.GetValueOrDefault(artist) + 1;
                _sessionArtistTotal++;
            }
        }
        for (var i = 0; i < history.Count; i++)
        {
            var artist = catalog.ArtistOf(history.Rows[i]);
            _ownArtistPlays[artist] = _ownArtistPlays.GetValueOrDefault(artist) + history.Entries[i].Plays;
        }
        _lastRow = context.SourceRows.Length > 0 ? context.SourceRows[0] : -1;
        _lastArtist = _lastRow >= 0 ? catalog.ArtistOf(_lastRow) : -1;
    }

    /// <summary>Fills <paramref name="features"/> (pool.Count x <see cref="FeatureNames.Count"/>).</summary>
    public void Extract(CandidatePool pool, Span<float> features)
    {
        ArgumentNullException.ThrowIfNull(pool);
        if (features.Length < pool.Count * FeatureNames.Count)
        {
            throw new ArgumentException($"The buffer holds {features.Length} floats, {pool.Count * FeatureNames.Count} needed.", nameof(features));
        }
        for (var slot = 0; slot < pool.Count; slot++)
        {
            Extract(pool, slot, features.Slice(slot * FeatureNames.Count, FeatureNames.Count));
        }
    }

    private void Extract(CandidatePool pool, int slot, Span<float> f)
    {
        var context = _context;
        var catalog = context.Catalog;
        var history = context.History;
        var row = pool.Rows[slot];
        var s = pool.Signal[slot];

        var own = history.IndexOf(row);
        if (own >= 0)
        {
            var e = history.Entries[own];
            f[FeatureNames.OwnPlays] = MathF.Log(1 + e.Plays);
            f[FeatureNames.OwnSkips] = MathF.Log(1 + e.Skips);
            f[FeatureNames.OwnKnown] = 1;
            f[FeatureNames.OwnAgeDays] = MathF.Log(1 + Math.Max(0, context.NowSeconds - e.LastSeconds) / 86_400f);
            f[FeatureNames.OwnRecencyRank] = MathF.Log(1 + history.RecencyRank[own]);
        }
        else
        {
            f[FeatureNames.OwnPlays] = 0;
            f[FeatureNames.OwnSkips] = 0;
            f[FeatureNames.OwnKnown] = 0;
            f[FeatureNames.OwnAgeDays] = FeatureNames.Missing;
            f[FeatureNames.OwnRecencyRank] = FeatureNames.Missing;
        }
        var nextCount = 0;
        for (var i = 0; i < _ownNext.Length; i++)
        {
            nextCount += _ownNext[i] == row ? 1 : 0;
        }
        f[FeatureNames.OwnNextOfLast] = _ownNext.Length > 0 && _ownNext[0] == row ? 1 : 0;
        f[FeatureNames.OwnNextOfSecond] = _ownNext.Length > 1 && _ownNext[1] == row ? 1 : 0;
        f[FeatureNames.OwnNextOfThird] = _ownNext.Length > 2 && _ownNext[2] == row ? 1 : 0;
        f[FeatureNames.OwnNextChain] = _ownNextChain == row ? 1 : 0;
        f[FeatureNames.OwnNextCount] = nextCount;

        f[FeatureNames.CoListening] = MathF.Log(1 + s.CoListening);
        f[FeatureNames.CoListeningShare] = pool.MaxCoListening > 0 ? s.CoListening / pool.MaxCoListening : 0;
        f[FeatureNames.CoListeningRank] = s.CoListeningRank >= 0 ? MathF.Log(1 + s.CoListeningRank) : FeatureNames.Missing;
        f[FeatureNames.Successor] = MathF.Log(1 + s.Successor);
        f[FeatureNames.SuccessorShare] = pool.MaxSuccessor > 0 ? s.Successor / pool.MaxSuccessor : 0;
        f[FeatureNames.SuccessorRank] = s.SuccessorRank >= 0 ? MathF.Log(1 + s.SuccessorRank) : FeatureNames.Missing;

        var hasVector = catalog.HasVector(row);
        var vector = hasVector ? catalog.VectorOf(row) : default;
        f[FeatureNames.CosineSession] = Cosine(context.SessionDirection, vector, hasVector);
        f[FeatureNames.CosineLongTerm] = Cosine(context.LongTermDirection, vector, hasVector);
        f[FeatureNames.CosineLast] = hasVector && _lastRow >= 0 && catalog.HasVector(_lastRow)
            ? TensorPrimitives.Dot(catalog.VectorOf(_lastRow), vector)
            : FeatureNames.NoCosine;
        f[FeatureNames.VectorRank] = s.VectorRank >= 0 ? MathF.Log(1 + s.VectorRank) : FeatureNames.Missing;

        f[FeatureNames.Popularity] = catalog.PopularityPrior(row);
        f[FeatureNames.Trending] = s.Trending;

        var artist = catalog.ArtistOf(row);
        f[FeatureNames.SameArtistAsLast] = artist == _lastArtist ? 1 : 0;
        f[FeatureNames.ArtistSessionShare] = _sessionArtistTotal > 0 ? _sessionArtists.GetValueOrDefault(artist) / (float)_sessionArtistTotal : 0;
        f[FeatureNames.ArtistOwnPlays] = MathF.Log(1 + _ownArtistPlays.GetValueOrDefault(artist));

        f[FeatureNames.SessionLength] = MathF.Log(1 + context.SessionPlays);
        f[FeatureNames.HistorySize] = MathF.Log(1 + history.Count);
        f[FeatureNames.GapMinutes] = (float)Math.Log(1 + context.GapMinutes);
        f[FeatureNames.HasVector] = hasVector ? 1 : 0;
        f[FeatureNames.CosineQuery] = Cosine(context.Query, vector, hasVector);
    }

    private static float Cosine(float[]? direction, ReadOnlySpan<float> vector, bool hasVector) =>
        direction is not null && hasVector ? TensorPrimitives.Dot(direction, vector) : FeatureNames.NoCosine;
}
