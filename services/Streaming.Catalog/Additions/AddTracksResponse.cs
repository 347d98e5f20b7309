namespace Streaming.Catalog.Additions;

/// <summary>
/// The 200 answer of <c>POST /v1/catalog/tracks</c>. <paramref name="Version"/> is the catalog version that holds every
/// track of the request: a new version appended to <paramref name="BaseVersion"/> and announced when
/// <paramref name="Created"/>, else (everything already present) the current version itself.
/// </summary>
public sealed record AddTracksResponse(
    string Version,
    string BaseVersion,
    bool Created,
    int Added,
    int Aliased,
    int AlreadyPresent,
    IReadOnlyList<TrackAdditionResult> Tracks);
