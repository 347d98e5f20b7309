using Streaming.Contracts;
using Streaming.Contracts.Events;
using Streaming.Contracts.Wire;

namespace Streaming.TasteWorker;

/// <summary>Decodes a record value and says why it cannot be applied, with a low-cardinality label for metrics.</summary>
internal static class RecordDecoder
{
    public static bool TryDecode(byte[]? value, out ListeningRecord record, out string reason, out string label)
    {
        record = null!;
        if (value is null || value.Length == 0)
        {
            (reason, label) = ("empty record value", "empty");
            return false;
        }
        try
        {
            record = ListeningRecordSerializer.Deserialize(value);
        }
        catch (ListeningRecordFormatException ex)
        {
            reason = ex.Message;
            label = ex.Message switch
            {
                var m when m.StartsWith("invalid JSON", StringComparison.Ordinal) => "invalid_json",
                var m when m.StartsWith("unsupported schema", StringComparison.Ordinal) => "schema_version",
                var m when m.StartsWith("missing", StringComparison.Ordinal) => "missing_field",
                var m when m.StartsWith("unknown record type", StringComparison.Ordinal) => "unknown_type",
                _ => "undecodable",
            };
            return false;
        }
        var invalid = record switch
        {
            ListeningRecord.Event { Value: var e } => FirstInvalid(("userId", e.UserId), ("eventId", e.EventId), ("sessionId", e.SessionId), ("trackId", e.TrackId)),
            ListeningRecord.Erasure { Value: var x } => FirstInvalid(("userId", x.UserId), ("erasureId", x.ErasureId)),
            _ => "record",
        };
        if (invalid is not null)
        {
            (reason, label) = ($"invalid {invalid}: expected {Identifiers.Rule}", "invalid_id");
            return false;
        }
        (reason, label) = ("", "");
        return true;
    }

    private static string? FirstInvalid(params (string Name, string Value)[] fields)
    {
        foreach (var (name, value) in fields)
        {
            if (!Identifiers.IsValid(value))
            {
                return name;
            }
        }
        return null;
    }

    public static bool IsEvent(ListeningRecord record, out ListeningEvent e)
    {
        e = (record as ListeningRecord.Event)?.Value!;
        return e is not null;
    }
}
