using System.Buffers;
using System.Numerics.Tensors;
using Streaming.NextTrack.Candidates;

namespace Streaming.NextTrack.Features;

/// <summary>
/// Writes the <see cref="FeatureNames"/> of every pool candidate, row-major, into a caller's buffer. What depends only
/// on the request (the listener's successors of the sources, artist counts) is computed once, into pooled buffers:
/// extracting allocates nothing (dispose to return the buffers).
/// </summary>
public struct FeatureExtractor : IDisposable
{
    private const int MaxOwnNext = 5;
    private const int SessionArtistWindow = 20;

    private readonly ListeningContext _context;
    private readonly int[] _ownNext;
    private readonly int _ownNextCount;
    private readonly int _ownNextChain;
    private readonly int[] _sessionArtists;
    private readonly int[] _sessionArtistCounts;
    private readonly int _sessionArtistKinds;
    private readonly int _sessionArtistTotal;
    private readonly long[] _ownArtistKeys;
    private readonly int _ownArtistCount;
    private readonly int _lastRow;
    private readonly int _lastArtist;

    public FeatureExtractor(ListeningContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
        var history = context.History;
        var catalog = context.Catalog;

        _ownNext = ArrayPool<int>.Shared.Rent(MaxOwnNext);
        _ownNextCount = Math.Min(MaxOwnNext, context.SourceRows.Length);
        for (var s = 0; s < _ownNextCount; s++)
        {
            _ownNext[s] = history.NextOf(context.SourceRows[s]);
        }
        _ownNextChain = _ownNextCount > 0 && _ownNext[0] >= 0 ? history.NextOf(_ownNext[0]) : -1;

        _sessionArtists = ArrayPool<int>.Shared.Rent(SessionArtistWindow);
        _sessionArtistCounts = ArrayPool<int>.Shared.Rent(SessionArtistWindow);
        var window = Math.Min(context.SessionPlays, SessionArtistWindow);
        for (var i = 0; i < window; i++)
        {
            var row = context.RecentRows[i];
            if (row < 0)
            {
                continue;
            }
            var artist = catalog.ArtistOf(row);
            var k = Array.IndexOf(_sessionArtists, artist, 0, _sessionArtistKinds);
            if (k < 0)
            {
                k = _sessionArtistKinds++;
                _sessionArtists[k] = artist;
                _sessionArtistCounts[k] = 0;
            }
            _sessionArtistCounts[k]++;
            _sessionArtistTotal++;
        }

        // Plays per artist over the history: (artist << 32 | plays) sorted by artist, looked up by binary search.
        _ownArtistKeys = ArrayPool<long>.Shared.Rent(Math.Max(1, history.Count));
        for (var i = 0; i < history.Count; i++)
        {
            _ownArtistKeys[i] = ((long)catalog.ArtistOf(history.Rows[i]) << 32) | history.Entries[i].Plays;
        }
        Array.Sort(_ownArtistKeys, 0, history.Count);
        var merged = 0;
        for (var i = 0; i < history.Count; i++)
        {
            var artist = _ownArtistKeys[i] >> 32;
            var plays = _ownArtistKeys[i] & 0xFFFFFFFF;
            if (merged > 0 && _ownArtistKeys[merged - 1] >> 32 == artist)
            {
                _ownArtistKeys[merged - 1] += plays;
            }
            else
            {
                _ownArtistKeys[merged++] = (artist << 32) | plays;
            }
        }
        _ownArtistCount = merged;

        _lastRow = context.SourceRows.Length > 0 ? context.SourceRows[0] : -1;
        _lastArtist = _lastRow >= 0 ? catalog.ArtistOf(_lastRow) : -1;
    }

    /// <summary>Fills <paramref name="features"/> (pool.Count x <see cref="FeatureNames.Count"/>).</summary>
    public readonly void Extract(CandidatePool pool, Span<float> features)
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

    public readonly void Dispose()
    {
        ArrayPool<int>.Shared.Return(_ownNext);
        ArrayPool<int>.Shared.Return(_sessionArtists);
        ArrayPool<int>.Shared.Return(_sessionArtistCounts);
        ArrayPool<long>.Shared.Return(_ownArtistKeys);
    }

    private readonly void Extract(CandidatePool pool, int slot, Span<float> f)
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
        for (var i = 0; i < _ownNextCount; i++)
        {
            nextCount += _ownNext[i] == row ? 1 : 0;
        }
        f[FeatureNames.OwnNextOfLast] = _ownNextCount > 0 && _ownNext[0] == row ? 1 : 0;
        f[FeatureNames.OwnNextOfSecond] = _ownNextCount > 1 && _ownNext[1] == row ? 1 : 0;
        f[FeatureNames.OwnNextOfThird] = _ownNextCount > 2 && _ownNext[2] == row ? 1 : 0;
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
        var sessionKind = Array.IndexOf(_sessionArtists, artist, 0, _sessionArtistKinds);
        f[FeatureNames.ArtistSessionShare] = sessionKind >= 0 ? _sessionArtistCounts[sessionKind] / (float)_sessionArtistTotal : 0;
        f[FeatureNames.ArtistOwnPlays] = MathF.Log(1 + OwnArtistPlays(artist));

        f[FeatureNames.SessionLength] = MathF.Log(1 + context.SessionPlays);
        f[FeatureNames.HistorySize] = MathF.Log(1 + history.Count);
        f[FeatureNames.GapMinutes] = (float)Math.Log(1 + context.GapMinutes);
        f[FeatureNames.HasVector] = hasVector ? 1 : 0;
        f[FeatureNames.CosineQuery] = Cosine(context.Query, vector, hasVector);
    }

    private readonly long OwnArtistPlays(int artist)
    {
        int lo = 0, hi = _ownArtistCount - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var key = _ownArtistKeys[mid] >> 32;
            if (key == artist)
            {
                return _ownArtistKeys[mid] & 0xFFFFFFFF;
            }
            if (key < artist)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return 0;
    }

    private static float Cosine(float[]? direction, ReadOnlySpan<float> vector, bool hasVector) =>
        direction is not null && hasVector ? TensorPrimitives.Dot(direction, vector) : FeatureNames.NoCosine;
}
