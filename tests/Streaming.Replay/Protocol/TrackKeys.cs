namespace Streaming.Replay.Protocol;

/// <summary>Dense integer keys for track ids (first seen, first numbered) and back.</summary>
public sealed class TrackKeys
{
    private readonly Dictionary<string, int> _keys = new(StringComparer.Ordinal);
    private readonly List<string> _ids = [];

    public int Count => _ids.Count;

    public int KeyOf(string trackId)
    {
        if (!_keys.TryGetValue(trackId, out var key))
        {
            key = _ids.Count;
            _keys.Add(trackId, key);
            _ids.Add(trackId);
        }
        return key;
    }

    /// <summary>The key of a known id, or -1 (ids the replay never posted).</summary>
    public int Find(string trackId) => _keys.TryGetValue(trackId, out var key) ? key : -1;

    public string IdOf(int key) => _ids[key];
}
