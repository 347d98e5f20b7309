namespace Streaming.Catalog.Core.Building;

/// <summary>
/// Identity resolution during a build: registers Spotify ids with their names, collapses ids
/// that share a normalised artist+title onto one canonical id (<see cref="TrackIdentity.CanonicalComparer"/>),
/// and gives name-only tracks their stable <c>n:</c> id.
/// </summary>
internal sealed class TrackRegistry
{
    private readonly List<Entry> _entries = [];
    private readonly Dictionary<string, int> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _byNameKey = new(StringComparer.Ordinal);
    private readonly List<int> _canonical = [];
    private bool _collapsed;

    public int Count => _entries.Count;

    public Entry this[int index] => _entries[index];

    /// <summary>Registers a Spotify id (first names seen win) and counts one occurrence.</summary>
    public void AddSpotify(string id, string artist, string title, string? album, int occurrences = 1)
    {
        if (_collapsed)
        {
            throw new InvalidOperationException("Spotify ids must be registered before duplicates collapse.");
        }
        if (_byId.TryGetValue(id, out var index))
        {
            var entry = _entries[index];
            entry.Occurrences += occurrences;
            entry.Album ??= album;
            return;
        }
        _byId[id] = _entries.Count;
        _entries.Add(new Entry(id, artist, title, album) { Occurrences = occurrences });
    }

    public bool ContainsId(string id) => _byId.ContainsKey(id);

    /// <summary>Collapses duplicates: one canonical entry per normalised artist+title.</summary>
    public void Collapse()
    {
        var groups = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < _entries.Count; i++)
        {
            var key = TrackIdentity.NameKey(_entries[i].Artist, _entries[i].Title);
            _entries[i].NameKey = key;
            if (!groups.TryGetValue(key, out var list))
            {
                groups[key] = list = [];
            }
            list.Add(i);
        }
        _canonical.Clear();
        _canonical.AddRange(Enumerable.Range(0, _entries.Count));
        foreach (var (key, members) in groups)
        {
            var best = members
                .Select(m => (Index: m, Key: (_entries[m].Id, _entries[m].Occurrences)))
                .OrderBy(m => m.Key, TrackIdentity.CanonicalComparer)
                .First().Index;
            foreach (var m in members)
            {
                _canonical[m] = best;
            }
            _byNameKey[key] = best;
        }
        _collapsed = true;
    }

    /// <summary>Canonical entry of an id, or -1.</summary>
    public int Resolve(string id) => _byId.TryGetValue(id, out var index) ? Canonical(index) : -1;

    /// <summary>Canonical entry of names; registers a name-only track (<c>n:</c> id) when unknown.</summary>
    public int ResolveOrAddNames(string artist, string title, out bool matched)
    {
        var key = TrackIdentity.NameKey(artist, title);
        if (_byNameKey.TryGetValue(key, out var index))
        {
            matched = _entries[index].IsSpotify;
            return index;
        }
        matched = false;
        var id = TrackIdentity.FromNameKey(key);
        index = _entries.Count;
        _entries.Add(new Entry(id, artist, title, null) { NameKey = key });
        _canonical.Add(index);
        _byId[id] = index;
        _byNameKey[key] = index;
        return index;
    }

    public int Canonical(int index) => index < _canonical.Count ? _canonical[index] : index;

    public bool IsCanonical(int index) => Canonical(index) == index;

    internal sealed class Entry(string id, string artist, string title, string? album)
    {
        public string Id { get; } = id;

        public string Artist { get; } = artist;

        public string Title { get; } = title;

        public string? Album { get; set; } = album;

        public int Occurrences { get; set; }

        public string NameKey { get; set; } = "";

        public bool IsSpotify => TrackIdentity.IsSpotifyId(Id);
    }
}
