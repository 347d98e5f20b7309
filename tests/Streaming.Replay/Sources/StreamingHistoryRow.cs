namespace Streaming.Replay.Sources;

/// <summary>One row of a Spotify <c>StreamingHistory*.json</c> export: the play ended at <see cref="EndTime"/> (UTC, minute).</summary>
public sealed record StreamingHistoryRow(DateTimeOffset EndTime, string Artist, string Track, long MsPlayed);
