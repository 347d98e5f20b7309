namespace Streaming.Recommender.Ranking;

/// <summary>At most N tracks per artist in one answer (artist names compared case-insensitively).</summary>
public sealed class ArtistCap(int maxPerArtist)
{
    private readonly Dictionary<string, int> _counts = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>True (and counted) when the artist still has room.</summary>
    public bool TryTake(string artist)
    {
        var taken = _counts.GetValueOrDefault(artist);
        if (taken >= maxPerArtist)
        {
            return false;
        }
        _counts[artist] = taken + 1;
        return true;
    }
}
