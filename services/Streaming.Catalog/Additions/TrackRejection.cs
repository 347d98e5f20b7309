namespace Streaming.Catalog.Additions;

/// <summary>
/// Why the track at <paramref name="Index"/> of the request was refused: <paramref name="Field"/> is the JSON property
/// (<c>track</c> for the entry as a whole), <paramref name="Reason"/> one of <see cref="TrackRejectionReasons"/>,
/// <paramref name="Detail"/> for people; <paramref name="Id"/> as sent, when it was a string.
/// </summary>
public sealed record TrackRejection(int Index, string? Id, string Field, string Reason, string Detail);
