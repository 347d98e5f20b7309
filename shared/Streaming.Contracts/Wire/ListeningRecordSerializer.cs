using System.Text.Json;
using Streaming.Contracts.Events;

namespace Streaming.Contracts.Wire;

/// <summary>Encodes and decodes <c>listening-events</c> values (see <see cref="ListeningRecordDto"/> for the rules).</summary>
public static class ListeningRecordSerializer
{
    public const int SchemaVersion = 1;
    public const string ContentType = "application/vnd.streaming.listening-record+json; v=1";
    private const string EventType = "event";
    private const string ErasureType = "erasure";

    public static byte[] Serialize(ListeningEvent e) =>
        JsonSerializer.SerializeToUtf8Bytes(new ListeningRecordDto
        {
            SchemaVersion = SchemaVersion,
            Type = EventType,
            EventId = e.EventId,
            UserId = e.UserId,
            TrackId = e.TrackId,
            SessionId = e.SessionId,
            Kind = ListeningEventKindNames.ToWire(e.Kind),
            OccurredAt = e.OccurredAt,
            MsPlayed = e.MsPlayed,
            TrackDurationMs = e.TrackDurationMs,
            PrivateSession = e.PrivateSession,
            Context = e.Context.Type == PlaybackContextType.Unknown ? null : PlaybackContextNames.ToWire(e.Context.Type),
            ContextId = e.Context.Id,
        }, ListeningRecordJsonContext.Default.ListeningRecordDto);

    public static byte[] Serialize(UserErasure e) =>
        JsonSerializer.SerializeToUtf8Bytes(new ListeningRecordDto
        {
            SchemaVersion = SchemaVersion,
            Type = ErasureType,
            ErasureId = e.ErasureId,
            UserId = e.UserId,
            OccurredAt = e.RequestedAt,
        }, ListeningRecordJsonContext.Default.ListeningRecordDto);

    /// <exception cref="ListeningRecordFormatException">The value is not a record this build can apply; the message says why.</exception>
    public static ListeningRecord Deserialize(ReadOnlySpan<byte> value)
    {
        ListeningRecordDto? dto;
        try
        {
            dto = JsonSerializer.Deserialize(value, ListeningRecordJsonContext.Default.ListeningRecordDto);
        }
        catch (JsonException ex)
        {
            throw new ListeningRecordFormatException($"invalid JSON at byte {ex.BytePositionInLine} of line {ex.LineNumber}: {ex.Message}", ex);
        }
        if (dto is null)
        {
            throw new ListeningRecordFormatException("empty record");
        }
        if (dto.SchemaVersion != SchemaVersion)
        {
            throw new ListeningRecordFormatException($"unsupported schema version {dto.SchemaVersion} (this build reads {SchemaVersion})");
        }
        var userId = Require(dto.UserId, "userId");
        return dto.Type switch
        {
            EventType => new ListeningRecord.Event(new ListeningEvent
            {
                EventId = Require(dto.EventId, "eventId"),
                UserId = userId,
                TrackId = Require(dto.TrackId, "trackId"),
                SessionId = Require(dto.SessionId, "sessionId"),
                Kind = ListeningEventKindNames.FromWire(Require(dto.Kind, "kind")),
                OccurredAt = dto.OccurredAt ?? throw new ListeningRecordFormatException("missing occurredAt"),
                MsPlayed = dto.MsPlayed,
                TrackDurationMs = dto.TrackDurationMs,
                PrivateSession = dto.PrivateSession,
                Context = new PlaybackContext(PlaybackContextNames.FromWire(dto.Context), dto.ContextId),
            }),
            ErasureType => new ListeningRecord.Erasure(new UserErasure
            {
                ErasureId = Require(dto.ErasureId, "erasureId"),
                UserId = userId,
                RequestedAt = dto.OccurredAt ?? throw new ListeningRecordFormatException("missing occurredAt"),
            }),
            _ => throw new ListeningRecordFormatException($"unknown record type '{dto.Type}'"),
        };
    }

    private static string Require(string? value, string field) =>
        string.IsNullOrEmpty(value) ? throw new ListeningRecordFormatException($"missing {field}") : value;
}
