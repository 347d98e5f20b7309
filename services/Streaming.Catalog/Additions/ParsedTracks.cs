namespace Streaming.Catalog.Additions;

/// <summary>
/// A body read as a batch: <see cref="Tracks"/> has one entry per array element, null where the element could not
/// even be read as a track (then <see cref="Rejections"/> says why).
/// </summary>
public sealed record ParsedTracks(IReadOnlyList<NewTrackDto?> Tracks, IReadOnlyList<TrackRejection> Rejections);
