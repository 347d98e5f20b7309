using System.Text.Json;

namespace Streaming.Catalog.Additions;

/// <summary>
/// Reads a <c>POST /v1/catalog/tracks</c> body, as the gateway reads event batches: the fast path deserializes the
/// whole batch at once; only when that fails does the slow path find out whether the JSON is broken (400 with the
/// position) or just some tracks have values of the wrong type (each of those named in the rejections).
/// </summary>
public static class AddTracksParser
{
    private const string TracksProperty = "tracks";

    private static readonly ParsedTracks Empty = new([], []);

    public static bool TryParse(ReadOnlyMemory<byte> body, out ParsedTracks parsed, out MalformedBody? malformed)
    {
        try
        {
            var request = JsonSerializer.Deserialize(body.Span, AddTracksJsonContext.Default.AddTracksRequest);
            malformed = request is null ? new MalformedBody("The body must be a JSON object with a 'tracks' array.", Path: "$") : CheckCount(request.Tracks?.Count);
            parsed = malformed is null ? FromTyped(request!.Tracks!) : Empty;
            return malformed is null;
        }
        catch (JsonException)
        {
            return TryParseSlow(body, out parsed, out malformed);
        }
    }

    private static MalformedBody? CheckCount(int? count) => count switch
    {
        null => new MalformedBody("'tracks' is required and must be an array.", Path: "$.tracks"),
        0 => new MalformedBody("'tracks' must hold at least one track.", Path: "$.tracks"),
        > TrackAdditionLimits.MaxTracksPerRequest => new MalformedBody($"'tracks' may hold at most {TrackAdditionLimits.MaxTracksPerRequest} tracks.", Path: "$.tracks"),
        _ => null,
    };

    private static ParsedTracks FromTyped(List<NewTrackDto?> tracks)
    {
        List<TrackRejection>? rejections = null;
        for (var i = 0; i < tracks.Count; i++)
        {
            if (tracks[i] is null)
            {
                (rejections ??= []).Add(NotAnObject(i));
            }
        }
        return new ParsedTracks(tracks, rejections ?? (IReadOnlyList<TrackRejection>)[]);
    }

    private static bool TryParseSlow(ReadOnlyMemory<byte> body, out ParsedTracks parsed, out MalformedBody? malformed)
    {
        parsed = Empty;
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
            malformed = ReadTracks(document.RootElement, out var elements);
            if (malformed is not null)
            {
                return false;
            }
            var tracks = new NewTrackDto?[elements.Count];
            var rejections = new List<TrackRejection>();
            for (var i = 0; i < elements.Count; i++)
            {
                if (elements[i].ValueKind != JsonValueKind.Object)
                {
                    rejections.Add(NotAnObject(i));
                    continue;
                }
                try
                {
                    tracks[i] = elements[i].Deserialize(AddTracksJsonContext.Default.NewTrackDto);
                }
                catch (JsonException ex)
                {
                    var field = FieldOf(ex.Path);
                    rejections.Add(new TrackRejection(i, IdOf(elements[i]), field, TrackRejectionReasons.InvalidType, $"'{field}' must be a string"));
                }
            }
            parsed = new ParsedTracks(tracks, rejections);
            return true;
        }
    }

    private static MalformedBody? ReadTracks(JsonElement root, out List<JsonElement> elements)
    {
        elements = [];
        if (root.ValueKind != JsonValueKind.Object)
        {
            return new MalformedBody("The body must be a JSON object with a 'tracks' array.", Path: "$");
        }
        JsonElement? tracks = null;
        foreach (var property in root.EnumerateObject())
        {
            if (property.Name != TracksProperty)
            {
                var name = property.Name.Length <= 64 ? property.Name : property.Name[..64] + "...";
                return new MalformedBody($"Unknown property '{name}': the body has only 'tracks'.", Path: "$." + name);
            }
            if (tracks is not null)
            {
                return new MalformedBody("'tracks' appears more than once.", Path: "$.tracks");
            }
            tracks = property.Value;
        }
        if (tracks is not { ValueKind: JsonValueKind.Array } array)
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

    /// <summary>The id of an entry that failed to deserialize, when it is a string (so the rejection can name the track).</summary>
    private static string? IdOf(JsonElement element) =>
        element.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;

    private static TrackRejection NotAnObject(int index) =>
        new(index, null, "track", TrackRejectionReasons.InvalidType, "Each track must be a JSON object.");

    /// <summary>"$.artist" becomes "artist"; the entry itself is "track".</summary>
    private static string FieldOf(string? path) =>
        path is null || path == "$" ? "track" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
}
