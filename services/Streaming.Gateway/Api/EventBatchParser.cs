using System.Text.Json;
using Streaming.Gateway.Validation;

namespace Streaming.Gateway.Api;

/// <summary>
/// Reads a <c>POST /v1/events</c> body. The fast path deserializes the whole batch at once; only when that
/// fails does the slow path find out whether the JSON is broken (400 with the position) or just some
/// events have values of the wrong type (those events are rejected, the others go on).
/// </summary>
public static class EventBatchParser
{
    private const string EventsProperty = "events";

    public static bool TryParse(ReadOnlyMemory<byte> body, out ParsedBatch batch, out MalformedBody? malformed)
    {
        try
        {
            var request = JsonSerializer.Deserialize(body.Span, GatewayJsonContext.Default.ListeningEventBatchRequest);
            malformed = CheckShape(request?.Events, request is null);
            batch = malformed is null ? FromTyped(request!.Events!) : Empty;
            return malformed is null;
        }
        catch (JsonException)
        {
            return TryParseSlow(body, out batch, out malformed);
        }
    }

    private static readonly ParsedBatch Empty = new([], []);

    private static MalformedBody? CheckShape(IReadOnlyCollection<object?>? events, bool bodyIsNull)
    {
        if (bodyIsNull)
        {
            return new MalformedBody("The body must be a JSON object with an 'events' array.", Path: "$");
        }
        return CheckCount(events?.Count);
    }

    private static MalformedBody? CheckCount(int? count) => count switch
    {
        null => new MalformedBody("'events' is required and must be an array.", Path: "$.events"),
        0 => new MalformedBody("'events' must hold at least one event.", Path: "$.events"),
        > EventLimits.MaxBatchSize => new MalformedBody($"'events' may hold at most {EventLimits.MaxBatchSize} events.", Path: "$.events"),
        _ => null,
    };

    private static ParsedBatch FromTyped(List<ListeningEventDto?> events)
    {
        List<EventRejection>? rejections = null;
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i] is null)
            {
                (rejections ??= []).Add(NotAnObject(i));
            }
        }
        return new ParsedBatch(events, rejections ?? (IReadOnlyList<EventRejection>)[]);
    }

    private static bool TryParseSlow(ReadOnlyMemory<byte> body, out ParsedBatch batch, out MalformedBody? malformed)
    {
        batch = Empty;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            malformed = new MalformedBody($"Invalid JSON: {ex.Message}", ex.LineNumber, ex.BytePositionInLine, ex.Path);
            return false;
        }
        using (document)
        {
            malformed = ReadEvents(document.RootElement, out var elements);
            if (malformed is not null)
            {
                return false;
            }
            var events = new ListeningEventDto?[elements.Count];
            var rejections = new List<EventRejection>();
            for (var i = 0; i < elements.Count; i++)
            {
                if (elements[i].ValueKind != JsonValueKind.Object)
                {
                    rejections.Add(NotAnObject(i));
                    continue;
                }
                try
                {
                    events[i] = elements[i].Deserialize(GatewayJsonContext.Default.ListeningEventDto);
                }
                catch (JsonException ex)
                {
                    var field = FieldOf(ex.Path);
                    rejections.Add(new EventRejection(i, field, RejectionReasons.InvalidType,
                        $"'{field}' does not have the schema's type (or is repeated)"));
                }
            }
            batch = new ParsedBatch(events, rejections);
            return true;
        }
    }

    private static MalformedBody? ReadEvents(JsonElement root, out List<JsonElement> elements)
    {
        elements = [];
        if (root.ValueKind != JsonValueKind.Object)
        {
            return new MalformedBody("The body must be a JSON object with an 'events' array.", Path: "$");
        }
        JsonElement? events = null;
        foreach (var property in root.EnumerateObject())
        {
            if (property.Name != EventsProperty)
            {
                var name = property.Name.Length <= 64 ? property.Name : property.Name[..64] + "...";
                return new MalformedBody($"Unknown property '{name}': the body has only 'events'.", Path: "$." + name);
            }
            if (events is not null)
            {
                return new MalformedBody("'events' appears more than once.", Path: "$.events");
            }
            events = property.Value;
        }
        if (events is not { ValueKind: JsonValueKind.Array } array)
        {
            return CheckCount(null);
        }
        if (CheckCount(array.GetArrayLength()) is { } countError)
        {
            return countError;
        }
        elements.AddRange(array.EnumerateArray());
        return null;
    }

    private static EventRejection NotAnObject(int index) =>
        new(index, "event", RejectionReasons.InvalidType, "Each event must be a JSON object.");

    /// <summary>"$.context.type" becomes "context.type"; the event itself is "event".</summary>
    private static string FieldOf(string? path) =>
        path is null || path == "$" ? "event" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
}
