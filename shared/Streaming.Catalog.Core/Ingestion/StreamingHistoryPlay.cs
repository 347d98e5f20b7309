namespace Streaming.Catalog.Core.Ingestion;

/// <summary>One play of a Spotify "Download your data" export.</summary>
/// <param name="EndTime">When playback ended (UTC; minute precision in the basic export).</param>
/// <param name="TrackId">Spotify id when the export has it (extended history), else null.</param>
public sealed record StreamingHistoryPlay(string UserId, DateTimeOffset EndTime, string ArtistName, string TrackName, int MsPlayed, string? TrackId);
