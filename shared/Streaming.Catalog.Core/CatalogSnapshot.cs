using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace Streaming.Catalog.Core;

/// <summary>
/// An immutable, versioned catalog: track rows, their metadata and unit-norm vectors in one space
/// (row-major <c>Count x Dimensions</c>; the dot product of two rows is their cosine similarity).
/// Rows without training data have <see cref="HasVector"/> false and a zero vector.
/// Readers take <c>holder.Current</c> once per request and use that instance throughout, so a
/// hot swap never mixes two versions inside one request.
/// </summary>
public sealed partial class CatalogSnapshot
{
    public const int MaxDimensions = 4096;

    private readonly CatalogTrack[] _tracks;
    private readonly bool[] _hasVector;
    private readonly float[] _vectors;
    private readonly TrackAlias[] _aliases;
    private readonly FrozenDictionary<string, int> _rowById;
    private readonly Lazy<FrozenDictionary<string, int>> _rowByName;

    public CatalogSnapshot(
        string version,
        string spaceId,
        int dimensions,
        DateTimeOffset createdAt,
        CatalogTrack[] tracks,
        bool[] hasVector,
        float[] vectors,
        TrackAlias[]? aliases = null,
        IReadOnlyDictionary<string, string>? properties = null,
        IReadOnlyDictionary<string, byte[]>? attachments = null)
    {
        if (!IsValidVersion(version))
        {
            throw new ArgumentException($"Version '{version}' must be 1-64 characters of A-Z a-z 0-9 . _ -.", nameof(version));
        }
        if (!IsValidVersion(spaceId))
        {
            throw new ArgumentException($"SpaceId '{spaceId}' must be 1-64 characters of A-Z a-z 0-9 . _ -.", nameof(spaceId));
        }
        if (dimensions is < 1 or > MaxDimensions)
        {
            throw new ArgumentOutOfRangeException(nameof(dimensions), dimensions, $"Dimensions must be 1..{MaxDimensions}.");
        }
        ArgumentNullException.ThrowIfNull(tracks);
        ArgumentNullException.ThrowIfNull(hasVector);
        ArgumentNullException.ThrowIfNull(vectors);
        if (hasVector.Length != tracks.Length)
        {
            throw new ArgumentException($"HasVector has {hasVector.Length} entries for {tracks.Length} tracks.", nameof(hasVector));
        }
        if (vectors.LongLength != (long)tracks.Length * dimensions)
        {
            throw new ArgumentException($"Vectors has {vectors.LongLength} floats, expected {tracks.Length} x {dimensions}.", nameof(vectors));
        }

        Version = version;
        SpaceId = spaceId;
        Dimensions = dimensions;
        CreatedAt = createdAt;
        _tracks = tracks;
        _hasVector = hasVector;
        _vectors = vectors;
        _aliases = aliases ?? [];
        Properties = (properties ?? new Dictionary<string, string>()).ToFrozenDictionary(StringComparer.Ordinal);
        Attachments = (attachments ?? new Dictionary<string, byte[]>()).ToFrozenDictionary(StringComparer.Ordinal);
        foreach (var name in Attachments.Keys)
        {
            if (!IsValidVersion(name))
            {
                throw new ArgumentException($"Attachment name '{name}' must be 1-64 characters of A-Z a-z 0-9 . _ -.", nameof(attachments));
            }
        }

        var byId = new Dictionary<string, int>(tracks.Length + _aliases.Length, StringComparer.Ordinal);
        for (var row = 0; row < tracks.Length; row++)
        {
            var id = tracks[row].Id;
            if (!TrackIdentity.IsValidTrackId(id))
            {
                throw new ArgumentException($"Track row {row} has invalid id '{id}' (expected {TrackIdentity.IdRule}).", nameof(tracks));
            }
            if (!byId.TryAdd(id, row))
            {
                throw new ArgumentException($"Track id '{id}' occurs twice (rows {byId[id]} and {row}).", nameof(tracks));
            }
        }
        foreach (var alias in _aliases)
        {
            if ((uint)alias.Row >= (uint)tracks.Length)
            {
                throw new ArgumentException($"Alias '{alias.AliasId}' points at row {alias.Row} outside 0..{tracks.Length - 1}.", nameof(aliases));
            }
            if (!TrackIdentity.IsValidTrackId(alias.AliasId) || !byId.TryAdd(alias.AliasId, alias.Row))
            {
                throw new ArgumentException($"Alias '{alias.AliasId}' is invalid or duplicates another id.", nameof(aliases));
            }
        }
        _rowById = byId.ToFrozenDictionary(StringComparer.Ordinal);
        _rowByName = new Lazy<FrozenDictionary<string, int>>(BuildNameIndex, LazyThreadSafetyMode.ExecutionAndPublication);
        VectorCount = hasVector.Count(static h => h);
    }

    public string Version { get; }

    /// <summary>Basis lineage: versions aligned to a previous version share its SpaceId.</summary>
    public string SpaceId { get; }

    public int Dimensions { get; }

    public DateTimeOffset CreatedAt { get; }

    public int Count => _tracks.Length;

    /// <summary>Rows that have a trained or derived vector.</summary>
    public int VectorCount { get; }

    public IReadOnlyList<CatalogTrack> Tracks => _tracks;

    public IReadOnlyList<TrackAlias> Aliases => _aliases;

    /// <summary>Build facts, e.g. <c>method</c>, <c>training.sources</c>, <c>warmup.fraction</c>, <c>holdout.playlists</c>.</summary>
    public IReadOnlyDictionary<string, string> Properties { get; }

    /// <summary>
    /// Named binary parts built with this version and swapped, rolled back and announced with it, e.g.
    /// <see cref="CatalogSnapshotAttachments.RankingModel"/>.
    /// </summary>
    public IReadOnlyDictionary<string, byte[]> Attachments { get; }

    /// <summary>All vectors, row-major <c>Count x Dimensions</c>.</summary>
    public ReadOnlySpan<float> Vectors => _vectors;

    public ReadOnlySpan<bool> HasVectorFlags => _hasVector;

    public string FileName => CatalogSnapshotFiles.FileName(Version);

    public bool HasVector(int row) => _hasVector[row];

    public ReadOnlySpan<float> VectorOf(int row)
    {
        if ((uint)row >= (uint)_tracks.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(row), row, $"Row must be 0..{_tracks.Length - 1}.");
        }
        return _vectors.AsSpan(row * Dimensions, Dimensions);
    }

    /// <summary>Row of a canonical id or alias, or -1.</summary>
    public int IndexOf(string trackId) =>
        trackId is not null && _rowById.TryGetValue(trackId, out var row) ? row : -1;

    /// <summary>Row of the track with these names (normalised, see <see cref="TrackIdentity"/>), or -1.</summary>
    public int IndexOfName(string artist, string title) =>
        _rowByName.Value.TryGetValue(TrackIdentity.NameKey(artist, title), out var row) ? row : -1;

    public bool TryGetTrack(string trackId, out CatalogTrack track)
    {
        var row = IndexOf(trackId);
        track = row >= 0 ? _tracks[row] : null!;
        return row >= 0;
    }

    /// <summary>
    /// A new version that is this one plus <paramref name="added"/> rows at the end and <paramref name="addedAliases"/>:
    /// every existing row keeps its row number, id, vector, alias and popularity; properties (plus
    /// <see cref="CatalogSnapshotProperties.AppendedFrom"/>, <see cref="CatalogSnapshotProperties.AppendedTracks"/>,
    /// <see cref="CatalogSnapshotProperties.AppendedAliases"/>), attachments, SpaceId and dimensions stay. Added rows have
    /// no vector yet (zero, <see cref="HasVector"/> false) and popularity 0 (nothing trained on them), so an index
    /// over the rows with vectors is unchanged. Ids already present (or invalid) throw <see cref="ArgumentException"/>.
    /// </summary>
    public CatalogSnapshot Append(string version, DateTimeOffset createdAt, IReadOnlyList<CatalogTrack> added, IReadOnlyList<TrackAlias>? addedAliases = null)
    {
        ArgumentNullException.ThrowIfNull(added);
        addedAliases ??= [];
        foreach (var track in added)
        {
            if (track.Popularity != 0)
            {
                throw new ArgumentException($"Appended track '{track.Id}' has popularity {track.Popularity}; appended rows start at 0.", nameof(added));
            }
        }
        var count = _tracks.Length + added.Count;
        var tracks = new CatalogTrack[count];
        _tracks.CopyTo(tracks, 0);
        for (var i = 0; i < added.Count; i++)
        {
            tracks[_tracks.Length + i] = added[i];
        }
        var hasVector = new bool[count];
        _hasVector.CopyTo(hasVector, 0);
        var vectors = new float[(long)count * Dimensions];
        _vectors.CopyTo(vectors, 0);
        var aliases = new TrackAlias[_aliases.Length + addedAliases.Count];
        _aliases.CopyTo(aliases, 0);
        for (var i = 0; i < addedAliases.Count; i++)
        {
            aliases[_aliases.Length + i] = addedAliases[i];
        }
        var properties = new Dictionary<string, string>(Properties, StringComparer.Ordinal)
        {
            [CatalogSnapshotProperties.AppendedFrom] = Version,
            [CatalogSnapshotProperties.AppendedTracks] = added.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [CatalogSnapshotProperties.AppendedAliases] = addedAliases.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        // The constructor validates ids, aliases and duplicates across old and new rows.
        return new CatalogSnapshot(version, SpaceId, Dimensions, createdAt, tracks, hasVector, vectors, aliases, properties, Attachments);
    }

    public static bool IsValidVersion(string? version) => version is not null && VersionPattern().IsMatch(version);

    private FrozenDictionary<string, int> BuildNameIndex()
    {
        // Several rows may share a name in hand-made catalogs: the more popular one wins.
        var byName = new Dictionary<string, int>(_tracks.Length, StringComparer.Ordinal);
        for (var row = 0; row < _tracks.Length; row++)
        {
            var key = TrackIdentity.NameKey(_tracks[row].Artist, _tracks[row].Title);
            if (!byName.TryGetValue(key, out var existing) || _tracks[existing].Popularity < _tracks[row].Popularity)
            {
                byName[key] = row;
            }
        }
        return byName.ToFrozenDictionary(StringComparer.Ordinal);
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex VersionPattern();
}
